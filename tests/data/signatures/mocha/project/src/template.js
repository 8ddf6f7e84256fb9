// Mustache-like {{ path.to.value }} substitution for notification texts.
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/;

function lookup(ctx, path) {
  return path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), ctx);
}

export function render(template, ctx) {
  return template.replace(PLACEHOLDER, (_, path) => {
    const v = lookup(ctx, path);
    return v == null ? '' : String(v);
  });
}
