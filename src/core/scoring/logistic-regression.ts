/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares)
 * over typed arrays. Rows are a dense row-major Float64Array (n × p); the intercept is separate and never
 * penalised. Small p (a scorecard has a few dozen characteristics at most) keeps the p × p solve cheap.
 */

export interface LogisticFit {
  intercept: number
  coefficients: Float64Array
  iterations: number
}

export interface LogisticOptions {
  /** L2 penalty on the coefficients (the sum of squares times lambda / 2 is added to the loss). */
  lambda: number
  maxIterations?: number
  tolerance?: number
}

/** The logistic function, stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}

/**
 * Fits P(y=1 | x) = sigmoid(b0 + x·b). `y` holds 0 or 1. Throws on an empty sample; a separable sample
 * still converges because the penalty keeps the coefficients finite.
 */
export function fitLogistic(
  x: Float64Array,
  y: Uint8Array,
  p: number,
  options: LogisticOptions,
): LogisticFit {
  const n = y.length
  if (n === 0) throw new Error('cannot fit a logistic regression to no rows')
  if (x.length !== n * p) throw new Error(`x has ${x.length} values, expected ${n * p}`)
  const k = p + 1
  const beta = new Float64Array(k)
  // Start at the base rate: the intercept alone.
  let positives = 0
  for (let i = 0; i < n; i++) positives += y[i] as number
  const rate = Math.min(Math.max(positives / n, 1e-6), 1 - 1e-6)
  beta[0] = Math.log(rate / (1 - rate))
  const gradient = new Float64Array(k)
  const hessian = new Float64Array(k * k)
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-9
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    gradient.fill(0)
    hessian.fill(0)
    for (let i = 0; i < n; i++) {
      const row = i * p
      let z = beta[0] as number
      for (let j = 0; j < p; j++) z += (beta[j + 1] as number) * (x[row + j] as number)
      const mu = sigmoid(z)
      const residual = mu - (y[i] as number)
      const w = Math.max(mu * (1 - mu), 1e-12)
      gradient[0] = (gradient[0] as number) + residual
      hessian[0] = (hessian[0] as number) + w
      for (let a = 0; a < p; a++) {
        const xa = x[row + a] as number
        gradient[a + 1] = (gradient[a + 1] as number) + residual * xa
        const wa = w * xa
        hessian[(a + 1) * k] = (hessian[(a + 1) * k] as number) + wa
        for (let b = 0; b <= a; b++) {
          const at = (a + 1) * k + b + 1
          hessian[at] = (hessian[at] as number) + wa * (x[row + b] as number)
        }
      }
    }
    for (let a = 1; a < k; a++) {
      gradient[a] = (gradient[a] as number) + options.lambda * (beta[a] as number)
      hessian[a * k + a] = (hessian[a * k + a] as number) + options.lambda
    }
    // Mirror the lower triangle (only it was accumulated).
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) hessian[a * k + b] = hessian[b * k + a] as number
    const step = solveSymmetric(hessian, gradient, k)
    // Damped Newton: halve the step until the penalised loss does not rise. A full step can overshoot
    // badly on (nearly) separable data, where the curvature far from the optimum is tiny.
    const before = penalisedLoss(x, y, p, beta, options.lambda)
    const trial = new Float64Array(k)
    let scale = 1
    for (let halvings = 0; ; halvings++) {
      for (let a = 0; a < k; a++) trial[a] = (beta[a] as number) - scale * (step[a] as number)
      if (penalisedLoss(x, y, p, trial, options.lambda) <= before + 1e-12 || halvings >= 40) break
      scale /= 2
    }
    let change = 0
    for (let a = 0; a < k; a++) {
      change = Math.max(change, Math.abs((trial[a] as number) - (beta[a] as number)))
      beta[a] = trial[a] as number
    }
    if (change < tolerance) {
      iterations++
      break
    }
  }
  return { intercept: beta[0] as number, coefficients: beta.slice(1), iterations }
}

/** Negative log-likelihood plus lambda/2 times the squared coefficients (intercept excluded). */
function penalisedLoss(
  x: Float64Array,
  y: Uint8Array,
  p: number,
  beta: Float64Array,
  lambda: number,
): number {
  let loss = 0
  for (let i = 0; i < y.length; i++) {
    let z = beta[0] as number
    for (let j = 0; j < p; j++) z += (beta[j + 1] as number) * (x[i * p + j] as number)
    // log(1 + e^z) − y·z, computed without overflow.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[i] as number) * z
  }
  let penalty = 0
  for (let j = 1; j <= p; j++) penalty += (beta[j] as number) ** 2
  return loss + (lambda / 2) * penalty
}

/** P(y=1) for one row of `x` starting at `offset`. */
export function predictLogistic(fit: LogisticFit, x: Float64Array, offset: number): number {
  let z = fit.intercept
  const c = fit.coefficients
  for (let j = 0; j < c.length; j++) z += (c[j] as number) * (x[offset + j] as number)
  return sigmoid(z)
}

/**
 * Solves A s = b for a symmetric positive-definite A (k × k, row-major) by Cholesky decomposition. A tiny
 * ridge is added when rounding makes a pivot non-positive (a constant column with lambda = 0).
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j] as number
      for (let m = 0; m < j; m++) sum -= (l[i * k + m] as number) * (l[j * k + m] as number)
      if (i === j) l[i * k + i] = Math.sqrt(sum > 1e-12 ? sum : 1e-12)
      else l[i * k + j] = sum / (l[j * k + j] as number)
    }
  }
  const z = new Float64Array(k)
  for (let i = 0; i < k; i++) {
    let sum = b[i] as number
    for (let m = 0; m < i; m++) sum -= (l[i * k + m] as number) * (z[m] as number)
    z[i] = sum / (l[i * k + i] as number)
  }
  const s = new Float64Array(k)
  for (let i = k - 1; i >= 0; i--) {
    let sum = z[i] as number
    for (let m = i + 1; m < k; m++) sum -= (l[m * k + i] as number) * (s[m] as number)
    s[i] = sum / (l[i * k + i] as number)
  }
  return s
}
