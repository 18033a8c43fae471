export { AppError, type ErrorBody } from './app-error.ts'
export { ERROR_CATALOGUE, type ErrorCode, type ErrorSpec, errorSpec } from './error-catalogue.ts'
export { ERROR_KINDS, type ErrorKind, EXIT } from './error-kinds.ts'
