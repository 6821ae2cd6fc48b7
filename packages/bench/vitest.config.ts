export { sharedProject as default } from '../../vitest.shared.js';
