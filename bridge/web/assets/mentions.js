// A comment box that suggests usernames after "@": a listbox under the textarea,
// driven by the arrow keys, Enter/Tab to pick, Escape to close.
import { el, fill, get, username } from './core.js';

let mentionable = null; // a promise of the usernames, fetched once per page

function loadMentionable() {
  if (!mentionable)
    mentionable = username() ? get('/api/users/mentionable').then(({ data }) => data.usernames || [], () => []) : Promise.resolve([]);
  return mentionable;
}

let counter = 0;

export function mentionInput(placeholder) {
  const id = `mention-list-${++counter}`;
  const textarea = el('textarea', { rows: 3, placeholder, 'aria-label': placeholder, 'aria-autocomplete': 'list', 'aria-controls': id });
  const list = el('ul', { class: 'mention-list', id, role: 'listbox', 'aria-label': 'People to mention', hidden: true });
  const announce = el('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  const state = { options: [], active: 0, start: -1 };

  const close = () => {
    list.hidden = true;
    textarea.removeAttribute('aria-activedescendant');
    state.options = [];
  };
  const pick = (name) => {
    const caret = textarea.selectionStart;
    textarea.value = `${textarea.value.slice(0, state.start)}@${name} ${textarea.value.slice(caret)}`;
    const at = state.start + name.length + 2;
    textarea.setSelectionRange(at, at);
    close();
    textarea.focus();
  };
  const draw = () => {
    fill(list, state.options.map((name, i) => el('li', {
      id: `${id}-${i}`, role: 'option', class: 'mention-option', 'aria-selected': String(i === state.active), text: name,
      onmousedown: (event) => { event.preventDefault(); pick(name); },
    })));
    list.hidden = state.options.length === 0;
    if (!list.hidden) textarea.setAttribute('aria-activedescendant', `${id}-${state.active}`);
    announce.textContent = list.hidden ? '' : `${state.options.length} suggestions, arrow keys to choose, Enter to pick`;
  };

  const typedPrefix = () => {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = /(^|\s)@([\w.-]*)$/.exec(before);
    return match ? { start: before.length - match[2].length - 1, prefix: match[2].toLowerCase() } : null;
  };
  textarea.addEventListener('input', async () => {
    if (!typedPrefix()) return close();
    const names = await loadMentionable();
    const typed = typedPrefix(); // the text may have changed while the names loaded
    if (!typed) return close();
    state.start = typed.start;
    const prefix = typed.prefix;
    state.options = names.filter((n) => n.toLowerCase().startsWith(prefix) && n !== username()).slice(0, 8);
    state.active = 0;
    draw();
  });
  textarea.addEventListener('keydown', (event) => {
    if (list.hidden || !state.options.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      state.active = (state.active + step + state.options.length) % state.options.length;
      draw();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(state.options[state.active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  textarea.addEventListener('blur', () => setTimeout(close, 100));
  return { wrapper: el('div', { class: 'mention-box' }, textarea, list, announce), textarea };
}
