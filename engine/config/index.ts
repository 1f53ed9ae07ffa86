/** Configuration: parse the environment once at start-up into a frozen, typed Config. */
export type {
  AiConfig,
  Config,
  DatabaseConfig,
  EffectiveVariable,
  KalshiConfig,
  KalshiCredentials,
  KalshiTier,
  LogLevel,
  NotifyConfig,
  SchedulesConfig,
  ServerConfig,
  TradingConfig,
  TradingMode,
} from "./config.ts";
export { ConfigError, type ConfigProblem, formatConfigError, formatProblem } from "./errors.ts";
export { KALSHI_ENVIRONMENTS, type KalshiEnv } from "./kalshi-urls.ts";
export { type LoadConfigOptions, loadConfig } from "./load.ts";
export { type ConfigFromProcessOptions, configFromProcess, EX_CONFIG } from "./process.ts";
export { type PublicConfig, publicConfig } from "./public.ts";
export { REDACTED } from "./redact.ts";
export { secretValues } from "./secrets.ts";
export { SECRET_VARIABLES, VARIABLE_NAMES, VARIABLES, type VariableName } from "./variables.ts";
