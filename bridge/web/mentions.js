// A comment box that suggests usernames after "@": a listbox under the textarea,
// driven by the arrow keys, Enter/Tab to pick, Escape to close.
import { el, fill, get, username } from './core.js';

let mentionable = null; // usernames, fetched once per page

async function loadMentionable() {
  if (mentionable) return mentionable;
  mentionable = [];
  if (!username()) return mentionable;
  try {
    mentionable = (await get('/api/users/mentionable')).data.usernames || [];
  } catch (e) {
    mentionable = [];
  }
  return mentionable;
}

let counter = 0;

export function mentionInput(placeholder) {
  const id = `mention-list-${++counter}`;
  const textarea = el('textarea', { rows: 3, placeholder, 'aria-label': placeholder, 'aria-autocomplete': 'list', 'aria-controls': id, 'aria-expanded': 'false' });
  const list = el('ul', { class: 'mention-list', id, role: 'listbox', hidden: true });
  const state = { options: [], active: 0, start: -1 };

  const close = () => {
    list.hidden = true;
    textarea.setAttribute('aria-expanded', 'false');
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
    textarea.setAttribute('aria-expanded', String(!list.hidden));
    if (!list.hidden) textarea.setAttribute('aria-activedescendant', `${id}-${state.active}`);
  };

  textarea.addEventListener('input', async () => {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = /(^|\s)@([\w.-]*)$/.exec(before);
    if (!match) return close();
    state.start = before.length - match[2].length - 1;
    const prefix = match[2].toLowerCase();
    const names = await loadMentionable();
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
  return { wrapper: el('div', { class: 'mention-box' }, textarea, list), textarea };
}
