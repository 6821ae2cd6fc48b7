// A page that imports only `adam`: the bundle shows what tree-shaking keeps.
import { adam } from '@descent/optim';

const transformation = adam(1e-3);
document.body.textContent = typeof transformation.update;
