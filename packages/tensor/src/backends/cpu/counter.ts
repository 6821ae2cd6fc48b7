/**
 * A multi-index counter for walking the outer axes of a strided loop: a plain array of zeros. Kernels run once per
 * op, and a typed array costs about 200 bytes and a runtime call to create, which dominates for the tiny tensors of
 * 2-D problems.
 */
export function zeroCounter(length: number): number[] {
  const counter = new Array<number>(length);
  for (let i = 0; i < length; i++) counter[i] = 0;
  return counter;
}
