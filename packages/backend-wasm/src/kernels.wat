;; The kernels of @descent/backend-wasm, in WebAssembly text with 128-bit SIMD.
;;
;; Calling convention: every pointer is a byte offset into the imported memory, 16-byte aligned (the JavaScript
;; allocator guarantees it); n counts elements. Outputs never alias inputs (tensors are immutable: every kernel
;; writes a fresh allocation). Binary kernels take a stride of 0 or 1 per operand: 0 marks a one-element operand
;; (a scalar or a size-1 tensor), which is splatted into a 16-byte scratch slot at address 0 (a) or 16 (b) so that
;; the same loop reads it in every lane. Addresses 0 to 63 are reserved for those slots: no tensor lives there.
;;
;; Each loop runs over whole vectors first (4 float32 or 2 float64 lanes), then a scalar tail. Rounding follows the
;; CPU backend, whose float32 kernels compute in float64 and round once on store: add, sub, mul, div, sqrt and square
;; give the same bits in float32 arithmetic (a float64 result of one such operation on float32 inputs rounds to the
;; float32 result), lerp and sum compute in float64 like the CPU and round once, and divSqrt computes in float32 (see
;; there), so it may differ from the CPU by up to 4 float32 ulp.
(module
  (import "env" "memory" (memory 1))

  ;; --- helpers ---

  ;; The address a float32 operand is read from: its own (stride 1), or `slot` holding its one value in every lane.
  (func $operand_f32 (param $ptr i32) (param $stride i32) (param $slot i32) (result i32)
    (if (result i32) (local.get $stride)
      (then (local.get $ptr))
      (else
        (v128.store (local.get $slot) (v128.load32_splat (local.get $ptr)))
        (local.get $slot))))

  (func $operand_f64 (param $ptr i32) (param $stride i32) (param $slot i32) (result i32)
    (if (result i32) (local.get $stride)
      (then (local.get $ptr))
      (else
        (v128.store (local.get $slot) (v128.load64_splat (local.get $ptr)))
        (local.get $slot))))

  ;; Where the vector loop stops: `start` plus the bytes of n rounded down to whole vectors.
  (func $vector_end_f32 (param $start i32) (param $n i32) (result i32)
    (i32.add (local.get $start) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))

  (func $vector_end_f64 (param $start i32) (param $n i32) (result i32)
    (i32.add (local.get $start) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))

  ;; --- float32, two inputs: out[i] = a[i·as] op b[i·bs] ---

  (func (export "add_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.add (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  (func (export "sub_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.sub (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  (func (export "mul_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.mul (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  (func (export "div_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.div (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.div (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; out[i] = x[i]·scale: Mul with a one-element operand (its value passed as `scale`, exactly a float32), the
  ;; learning-rate and momentum scaling of every optimizer step. The generic loop above reloads the splatted operand
  ;; and steps two pointers by variables; keeping the factor in a register and unrolling four vectors is about 30%
  ;; faster on in-cache data. Multiplication commutes, so this serves a scalar on either side.
  (func (export "mul_scalar_f32") (param $x i32) (param $out i32) (param $n i32) (param $scale f64)
    (local $vend i32) (local $end i32) (local $sv v128) (local $sf f32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local.set $sf (f32.demote_f64 (local.get $scale)))
    (local.set $sv (f32x4.splat (local.get $sf)))
    (local.set $vend
      (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x0 (v128.load (local.get $x)))
        (local.set $x1 (v128.load offset=16 (local.get $x)))
        (local.set $x2 (v128.load offset=32 (local.get $x)))
        (local.set $x3 (v128.load offset=48 (local.get $x)))
        (v128.store (local.get $out) (f32x4.mul (local.get $x0) (local.get $sv)))
        (v128.store offset=16 (local.get $out) (f32x4.mul (local.get $x1) (local.get $sv)))
        (v128.store offset=32 (local.get $out) (f32x4.mul (local.get $x2) (local.get $sv)))
        (v128.store offset=48 (local.get $out) (f32x4.mul (local.get $x3) (local.get $sv)))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $out (i32.add (local.get $out) (i32.const 64)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.mul (f32.load (local.get $x)) (local.get $sf)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; out[i] = y[i] + x[i]·scale, rounded after the product and after the sum: exactly Add(y, Mul(x, scale)) on the
  ;; CPU backend (WebAssembly never contracts the two into a fused multiply-add), in one pass instead of two. The
  ;; backend uses it when an Add consumes a deferred Mul by a one-element operand (see storage.ts).
  (func (export "axpy_f32") (param $y i32) (param $x i32) (param $out i32) (param $n i32) (param $scale f64)
    (local $vend i32) (local $end i32) (local $sv v128) (local $sf f32)
    (local.set $sf (f32.demote_f64 (local.get $scale)))
    (local.set $sv (f32x4.splat (local.get $sf)))
    (local.set $vend
      (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out)
          (f32x4.add (v128.load (local.get $y)) (f32x4.mul (v128.load (local.get $x)) (local.get $sv))))
        (v128.store offset=16 (local.get $out)
          (f32x4.add (v128.load offset=16 (local.get $y)) (f32x4.mul (v128.load offset=16 (local.get $x)) (local.get $sv))))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out)
          (f32.add (f32.load (local.get $y)) (f32.mul (f32.load (local.get $x)) (local.get $sf))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; The CPU backend's `x > y || x !== x ? x : y`: NaN propagates from either side, and when x and y compare equal
  ;; (+0 and -0) y is the result. f32x4.max would differ on signed zeros.
  (func (export "max_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32) (local $x v128) (local $y v128) (local $xs f32) (local $ys f32)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load (local.get $b)))
        (v128.store (local.get $out)
          (v128.bitselect (local.get $x) (local.get $y)
            (v128.or (f32x4.gt (local.get $x) (local.get $y)) (f32x4.ne (local.get $x) (local.get $x)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $xs (f32.load (local.get $a)))
        (local.set $ys (f32.load (local.get $b)))
        (f32.store (local.get $out)
          (select (local.get $xs) (local.get $ys)
            (i32.or (f32.gt (local.get $xs) (local.get $ys)) (f32.ne (local.get $xs) (local.get $xs)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; The CPU backend's `x < y || x !== x ? x : y`.
  (func (export "min_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32) (local $x v128) (local $y v128) (local $xs f32) (local $ys f32)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load (local.get $b)))
        (v128.store (local.get $out)
          (v128.bitselect (local.get $x) (local.get $y)
            (v128.or (f32x4.lt (local.get $x) (local.get $y)) (f32x4.ne (local.get $x) (local.get $x)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $xs (f32.load (local.get $a)))
        (local.set $ys (f32.load (local.get $b)))
        (f32.store (local.get $out)
          (select (local.get $xs) (local.get $ys)
            (i32.or (f32.lt (local.get $xs) (local.get $ys)) (f32.ne (local.get $xs) (local.get $xs)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; --- float32, fused optimizer updates ---

  ;; out = a + w·(b − a), in float64 like the CPU backend (bit for bit the same): each vector of 4 float32 lanes is
  ;; widened into two float64x2 halves, and the halves are narrowed and rejoined.
  (func (export "lerp_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (param $w f64)
    (local $vend i32) (local $end i32) (local $x v128) (local $y v128) (local $lo v128) (local $hi v128) (local $wv v128)
    (local $xs f64)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (local.set $wv (f64x2.splat (local.get $w)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load (local.get $b)))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $lo
          (f64x2.add (local.get $lo)
            (f64x2.mul (local.get $wv) (f64x2.sub (f64x2.promote_low_f32x4 (local.get $y)) (local.get $lo)))))
        (local.set $hi
          (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))))
        (local.set $hi
          (f64x2.add (local.get $hi)
            (f64x2.mul (local.get $wv)
              (f64x2.sub
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $y) (local.get $y)))
                (local.get $hi)))))
        (v128.store (local.get $out)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $xs (f64.promote_f32 (f32.load (local.get $a))))
        (f32.store (local.get $out)
          (f32.demote_f64
            (f64.add (local.get $xs)
              (f64.mul (local.get $w) (f64.sub (f64.promote_f32 (f32.load (local.get $b))) (local.get $xs))))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; out = scale·a / (rootScale·√b + eps), computed as a / (r·√b + e) with r = rootScale/scale and e = eps/scale
  ;; (divided in float64, then rounded to float32): one float32 division per lane. Taken in float64, two float64x2
  ;; divisions per four lanes made this the slowest pass of an Adam step (about 12 GB/s against 25 for the other
  ;; kernels); in float32 it runs at memory speed. Four float32 roundings instead of the CPU's one: within 4 ulp of
  ;; the CPU backend. Dividing by scale first also keeps scale·a from overflowing where the quotient would not.
  (func (export "divsqrt_f32") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (param $scale f64) (param $root_scale f64) (param $eps f64)
    (local $vend i32) (local $end i32) (local $r f32) (local $e f32) (local $rv v128) (local $ev v128)
    (local.set $a (call $operand_f32 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f32 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (local.set $r (f32.demote_f64 (f64.div (local.get $root_scale) (local.get $scale))))
    (local.set $e (f32.demote_f64 (f64.div (local.get $eps) (local.get $scale))))
    (local.set $rv (f32x4.splat (local.get $r)))
    (local.set $ev (f32x4.splat (local.get $e)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out)
          (f32x4.div
            (v128.load (local.get $a))
            (f32x4.add (f32x4.mul (local.get $rv) (f32x4.sqrt (v128.load (local.get $b)))) (local.get $ev))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 2)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 2)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out)
          (f32.div
            (f32.load (local.get $a))
            (f32.add (f32.mul (local.get $r) (f32.sqrt (f32.load (local.get $b)))) (local.get $e))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; --- float32, one input ---

  (func (export "neg_f32") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.neg (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.neg (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  (func (export "abs_f32") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.abs (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.abs (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  (func (export "sqrt_f32") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f32x4.sqrt (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f32.store (local.get $out) (f32.sqrt (f32.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  (func (export "square_f32") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32) (local $v v128) (local $s f32)
    (local.set $vend (call $vector_end_f32 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $out) (f32x4.mul (local.get $v) (local.get $v)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $s (f32.load (local.get $x)))
        (f32.store (local.get $out) (f32.mul (local.get $s) (local.get $s)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; --- float32, reduction ---

  ;; out[0] = the sum of x[0..n), accumulated in float64 exactly as the CPU backend does: four partial sums
  ;; (elements 4k, 4k+1, 4k+2, 4k+3; the tail goes to the first), combined as 0 + ((s0 + s1) + (s2 + s3)).
  (func (export "sum_f32") (param $x i32) (param $n i32) (param $out i32)
    (local $vend i32) (local $end i32) (local $v v128) (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $vend (call $vector_end_f32 (local.get $x) (local.get $n)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $x) (local.get $vend)))
        (local.set $v (v128.load (local.get $x)))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.promote_low_f32x4 (local.get $v))))
        (local.set $s23
          (f64x2.add (local.get $s23)
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $vectors)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.promote_f32 (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $scalars)))
    (f32.store (local.get $out)
      (f32.demote_f64
        (f64.add (f64.const 0)
          (f64.add
            (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
            (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23))))))))

  ;; --- float64: the same kernels on 2 lanes (exactly the CPU backend's arithmetic, divSqrt included) ---

  (func (export "add_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.add (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.add (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "sub_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.sub (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "mul_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "div_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.div (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.div (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "mul_scalar_f64") (param $x i32) (param $out i32) (param $n i32) (param $scale f64)
    (local $vend i32) (local $end i32) (local $sv v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local.set $sv (f64x2.splat (local.get $scale)))
    (local.set $vend
      (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 3))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x0 (v128.load (local.get $x)))
        (local.set $x1 (v128.load offset=16 (local.get $x)))
        (local.set $x2 (v128.load offset=32 (local.get $x)))
        (local.set $x3 (v128.load offset=48 (local.get $x)))
        (v128.store (local.get $out) (f64x2.mul (local.get $x0) (local.get $sv)))
        (v128.store offset=16 (local.get $out) (f64x2.mul (local.get $x1) (local.get $sv)))
        (v128.store offset=32 (local.get $out) (f64x2.mul (local.get $x2) (local.get $sv)))
        (v128.store offset=48 (local.get $out) (f64x2.mul (local.get $x3) (local.get $sv)))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $out (i32.add (local.get $out) (i32.const 64)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.mul (f64.load (local.get $x)) (local.get $scale)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "axpy_f64") (param $y i32) (param $x i32) (param $out i32) (param $n i32) (param $scale f64)
    (local $vend i32) (local $end i32) (local $sv v128)
    (local.set $sv (f64x2.splat (local.get $scale)))
    (local.set $vend
      (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out)
          (f64x2.add (v128.load (local.get $y)) (f64x2.mul (v128.load (local.get $x)) (local.get $sv))))
        (v128.store offset=16 (local.get $out)
          (f64x2.add (v128.load offset=16 (local.get $y)) (f64x2.mul (v128.load offset=16 (local.get $x)) (local.get $sv))))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out)
          (f64.add (f64.load (local.get $y)) (f64.mul (f64.load (local.get $x)) (local.get $scale))))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "max_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32) (local $x v128) (local $y v128) (local $xs f64) (local $ys f64)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load (local.get $b)))
        (v128.store (local.get $out)
          (v128.bitselect (local.get $x) (local.get $y)
            (v128.or (f64x2.gt (local.get $x) (local.get $y)) (f64x2.ne (local.get $x) (local.get $x)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $xs (f64.load (local.get $a)))
        (local.set $ys (f64.load (local.get $b)))
        (f64.store (local.get $out)
          (select (local.get $xs) (local.get $ys)
            (i32.or (f64.gt (local.get $xs) (local.get $ys)) (f64.ne (local.get $xs) (local.get $xs)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "min_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32) (local $x v128) (local $y v128) (local $xs f64) (local $ys f64)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x (v128.load (local.get $a)))
        (local.set $y (v128.load (local.get $b)))
        (v128.store (local.get $out)
          (v128.bitselect (local.get $x) (local.get $y)
            (v128.or (f64x2.lt (local.get $x) (local.get $y)) (f64x2.ne (local.get $x) (local.get $x)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $xs (f64.load (local.get $a)))
        (local.set $ys (f64.load (local.get $b)))
        (f64.store (local.get $out)
          (select (local.get $xs) (local.get $ys)
            (i32.or (f64.lt (local.get $xs) (local.get $ys)) (f64.ne (local.get $xs) (local.get $xs)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "lerp_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (param $w f64)
    (local $vend i32) (local $end i32) (local $x v128) (local $wv v128) (local $xs f64)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (local.set $wv (f64x2.splat (local.get $w)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $x (v128.load (local.get $a)))
        (v128.store (local.get $out)
          (f64x2.add (local.get $x)
            (f64x2.mul (local.get $wv) (f64x2.sub (v128.load (local.get $b)) (local.get $x)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $xs (f64.load (local.get $a)))
        (f64.store (local.get $out)
          (f64.add (local.get $xs)
            (f64.mul (local.get $w) (f64.sub (f64.load (local.get $b)) (local.get $xs)))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "divsqrt_f64") (param $a i32) (param $as i32) (param $b i32) (param $bs i32) (param $out i32) (param $n i32)
    (param $scale f64) (param $root_scale f64) (param $eps f64)
    (local $vend i32) (local $end i32) (local $sv v128) (local $rv v128) (local $ev v128)
    (local.set $a (call $operand_f64 (local.get $a) (local.get $as) (i32.const 0)))
    (local.set $b (call $operand_f64 (local.get $b) (local.get $bs) (i32.const 16)))
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $as (i32.shl (local.get $as) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $bs) (i32.const 4)))
    (local.set $sv (f64x2.splat (local.get $scale)))
    (local.set $rv (f64x2.splat (local.get $root_scale)))
    (local.set $ev (f64x2.splat (local.get $eps)))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out)
          (f64x2.div
            (f64x2.mul (local.get $sv) (v128.load (local.get $a)))
            (f64x2.add (f64x2.mul (local.get $rv) (f64x2.sqrt (v128.load (local.get $b)))) (local.get $ev))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (local.set $as (i32.shr_u (local.get $as) (i32.const 1)))
    (local.set $bs (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out)
          (f64.div
            (f64.mul (local.get $scale) (f64.load (local.get $a)))
            (f64.add (f64.mul (local.get $root_scale) (f64.sqrt (f64.load (local.get $b)))) (local.get $eps))))
        (local.set $a (i32.add (local.get $a) (local.get $as)))
        (local.set $b (i32.add (local.get $b) (local.get $bs)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "neg_f64") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.neg (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.neg (f64.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "abs_f64") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.abs (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.abs (f64.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "sqrt_f64") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32)
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (v128.store (local.get $out) (f64x2.sqrt (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (f64.store (local.get $out) (f64.sqrt (f64.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  (func (export "square_f64") (param $x i32) (param $out i32) (param $n i32)
    (local $vend i32) (local $end i32) (local $v v128) (local $s f64)
    (local.set $vend (call $vector_end_f64 (local.get $out) (local.get $n)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $out) (local.get $vend)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $out) (f64x2.mul (local.get $v) (local.get $v)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $s (f64.load (local.get $x)))
        (f64.store (local.get $out) (f64.mul (local.get $s) (local.get $s)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $scalars))))

  ;; The float64 sum with the CPU backend's four partial sums: lanes (s0, s1) from elements 4k, 4k+1 and (s2, s3)
  ;; from 4k+2, 4k+3.
  (func (export "sum_f64") (param $x i32) (param $n i32) (param $out i32)
    (local $vend i32) (local $end i32) (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $vend (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $vectors_done
      (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $x) (local.get $vend)))
        (local.set $s01 (f64x2.add (local.get $s01) (v128.load (local.get $x))))
        (local.set $s23 (f64x2.add (local.get $s23) (v128.load offset=16 (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (br $vectors)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
    (block $done
      (loop $scalars
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $scalars)))
    (f64.store (local.get $out)
      (f64.add (f64.const 0)
        (f64.add
          (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
          (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))))
)
