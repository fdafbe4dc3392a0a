export * from './speech-synthesizer';
export * from './speech-synthesis.error';
export * from './speech-config.error';
export * from './ogg-duration';
export * from './espeak-speech.synthesizer';
export * from './polly-speech.synthesizer';
export * from './speech-config';
