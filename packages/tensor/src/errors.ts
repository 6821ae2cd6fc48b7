/**
 * Errors thrown by Descent. Every message names the function, what it got and what it expected, e.g.
 * `matmul: inner dimensions differ, [2,3] x [4,5]`.
 */

/** Base class, so callers can catch every Descent input error at once. */
export class DescentError extends Error {
  override name = 'DescentError';
}

/** A shape that does not fit: mismatched dimensions, a bad axis, a negative size, ragged nested arrays. */
export class ShapeError extends DescentError {
  override name = 'ShapeError';
}

/** A dtype that does not fit: mixing float32 with float64, an integer where a float is needed. */
export class DTypeError extends DescentError {
  override name = 'DTypeError';
}

/** A value that does not fit: a non-finite learning rate, a non-integer index, an index out of range. */
export class ValueError extends DescentError {
  override name = 'ValueError';
}
