// `@patchbay/model/errors`: the errors a model call can end with, without the model clients.
// An agent that only reports failures (RequestAnswerer) imports these and stays off LangChain.
export * from './model-configuration.error';
export * from './usage/budget-exceeded.error';
