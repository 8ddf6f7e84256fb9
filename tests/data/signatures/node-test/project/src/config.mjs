// Service configuration from the environment. Missing required settings are
// fatal: the service must not start half-configured.
const REQUIRED = ['ORDERS_DB_URL', 'ORDERS_WEBHOOK_SECRETS'];

function fatal(msg) {
  process.stderr.write(`orders-service: fatal: ${msg}\n`);
  process.exit(78); // EX_CONFIG
}

export function loadConfig(env = process.env) {
  for (const name of REQUIRED) {
    if (!env[name]) fatal(`${name} is not set (pid ${process.pid})`);
  }
  return {
    dbUrl: env.ORDERS_DB_URL,
    webhookSecret: env.ORDERS_WEBHOOK_SECRET,
    port: Number(env.ORDERS_PORT ?? 8080),
  };
}
