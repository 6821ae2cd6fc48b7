// The `tree` namespace: `import { tree } from '@descent/tensor'; tree.map(params, fn)`.
export { map, zip } from './map.js';
export { flatten, leaves, structureDifference, type Tree, type TreeStructure, unflatten } from './structure.js';
