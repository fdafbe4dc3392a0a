export * from './errors/error-body';
export * from './validation/describe-zod-error';
export * from './validation/zod-validation.pipe';
export * from './health/readiness-check';
export * from './health/readiness-answer';
