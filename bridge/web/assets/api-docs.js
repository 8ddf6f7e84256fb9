// /docs: Swagger UI (bridge/web/docs, vendored from npm at build time) on this server's
// OpenAPI document. A file of its own because the pages' CSP allows no inline script.
window.ui = window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // Requests made from the page carry the browser's cookies (jji_username, jji_session).
  withCredentials: true,
});
