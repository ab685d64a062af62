//! Logistic regression over sparse binary features, trained
//! deterministically.
//!
//! Why not linfa: its logistic regression takes a dense `ndarray` matrix,
//! and our features are sparse (tens of thousands of feature names, a few
//! dozen present per example). This is the textbook model: the score is
//! the bias plus the weights of the features present, the probability its
//! logistic; weights minimise the mean log-loss plus an L2 penalty, found
//! by full-batch Adam. Full batches make the result independent of the
//! order of the examples; the same examples give the same weights on any
//! machine.

/// One training example: indices of the features present, the label, and
/// how much it counts (1 = one example).
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<u32>,
    pub label: bool,
    pub weight: f64,
}

/// A trained binary model: weights by feature index, and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub bias: f32,
    pub weights: Vec<f32>,
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Strength of the L2 penalty, per example.
    pub l2: f64,
    pub iterations: usize,
    pub learning_rate: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            l2: 1e-3,
            iterations: 400,
            learning_rate: 0.05,
        }
    }
}

pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

impl Weights {
    pub fn score(&self, features: &[u32]) -> f64 {
        f64::from(self.bias)
            + features
                .iter()
                .map(|&f| f64::from(self.weights.get(f as usize).copied().unwrap_or(0.0)))
                .sum::<f64>()
    }

    pub fn probability(&self, features: &[u32]) -> f64 {
        sigmoid(self.score(features))
    }
}

/// Adam's state for one parameter vector.
struct Adam {
    m: Vec<f64>,
    v: Vec<f64>,
    step: i32,
}

impl Adam {
    fn new(n: usize) -> Self {
        Self {
            m: vec![0.0; n],
            v: vec![0.0; n],
            step: 0,
        }
    }

    fn update(&mut self, params: &mut [f64], grad: &[f64], rate: f64) {
        const B1: f64 = 0.9;
        const B2: f64 = 0.999;
        self.step += 1;
        let c1 = 1.0 - B1.powi(self.step);
        let c2 = 1.0 - B2.powi(self.step);
        for i in 0..params.len() {
            self.m[i] = B1 * self.m[i] + (1.0 - B1) * grad[i];
            self.v[i] = B2 * self.v[i] + (1.0 - B2) * grad[i] * grad[i];
            params[i] -= rate * (self.m[i] / c1) / ((self.v[i] / c2).sqrt() + 1e-8);
        }
    }
}

/// Trains a binary model over `dims` features.
pub fn train(examples: &[Example], dims: usize, settings: &Settings) -> Weights {
    // params[0] is the bias (not penalised), params[1..] the weights.
    let mut params = vec![0.0f64; dims + 1];
    if examples.is_empty() {
        return Weights {
            bias: 0.0,
            weights: vec![0.0; dims],
        };
    }
    let n = examples.iter().map(|e| e.weight).sum::<f64>().max(1e-9);
    let mut adam = Adam::new(dims + 1);
    let mut grad = vec![0.0f64; dims + 1];
    for _ in 0..settings.iterations {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for e in examples {
            let z = params[0]
                + e.features
                    .iter()
                    .map(|&f| params[f as usize + 1])
                    .sum::<f64>();
            let err = e.weight * (sigmoid(z) - f64::from(u8::from(e.label))) / n;
            grad[0] += err;
            for &f in &e.features {
                grad[f as usize + 1] += err;
            }
        }
        for i in 1..=dims {
            grad[i] += settings.l2 * params[i];
        }
        adam.update(&mut params, &grad, settings.learning_rate);
    }
    Weights {
        bias: params[0] as f32,
        weights: params[1..].iter().map(|&w| w as f32).collect(),
    }
}

/// One example of a choice among classes.
#[derive(Debug, Clone)]
pub struct ClassExample {
    pub features: Vec<u32>,
    pub class: usize,
    /// How much it counts (1 = one example).
    pub weight: f64,
}

/// Trains a softmax (multinomial logistic) model: one [`Weights`] per
/// class, the class with the highest score wins.
pub fn train_softmax(
    examples: &[ClassExample],
    classes: usize,
    dims: usize,
    settings: &Settings,
) -> Vec<Weights> {
    let width = dims + 1;
    let mut params = vec![0.0f64; classes * width];
    let mut adam = Adam::new(params.len());
    let mut grad = vec![0.0f64; params.len()];
    let n = examples.iter().map(|e| e.weight).sum::<f64>().max(1e-9);
    let mut scores = vec![0.0f64; classes];
    for _ in 0..if examples.is_empty() {
        0
    } else {
        settings.iterations
    } {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for e in examples {
            for (c, s) in scores.iter_mut().enumerate() {
                let p = &params[c * width..(c + 1) * width];
                *s = p[0] + e.features.iter().map(|&f| p[f as usize + 1]).sum::<f64>();
            }
            let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let total: f64 = scores.iter().map(|s| (s - max).exp()).sum();
            for c in 0..classes {
                let p = (scores[c] - max).exp() / total;
                let err = e.weight * (p - f64::from(u8::from(c == e.class))) / n;
                let g = &mut grad[c * width..(c + 1) * width];
                g[0] += err;
                for &f in &e.features {
                    g[f as usize + 1] += err;
                }
            }
        }
        for c in 0..classes {
            for i in 1..width {
                grad[c * width + i] += settings.l2 * params[c * width + i];
            }
        }
        adam.update(&mut params, &grad, settings.learning_rate);
    }
    (0..classes)
        .map(|c| {
            let p = &params[c * width..(c + 1) * width];
            Weights {
                bias: p[0] as f32,
                weights: p[1..].iter().map(|&w| w as f32).collect(),
            }
        })
        .collect()
}

/// The threshold on probabilities that maximises F1 when `scored` are the
/// candidates (probability, positive) and `missing` gold facts have no
/// candidate at all. Returns (threshold, f1).
pub fn best_threshold(scored: &[(f64, bool)], missing: usize) -> (f64, f64) {
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = sorted.iter().filter(|(_, l)| *l).count() + missing;
    let (mut best_t, mut best_f) = (0.5, 0.0);
    let (mut tp, mut fp) = (0usize, 0usize);
    for (i, (p, label)) in sorted.iter().enumerate() {
        if *label {
            tp += 1;
        } else {
            fp += 1;
        }
        // Only cut between distinct probabilities.
        if sorted.get(i + 1).is_some_and(|next| next.0 == *p) {
            continue;
        }
        let f = if tp == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + positives - tp) as f64
        };
        if f > best_f {
            best_f = f;
            // Halfway to the next lower probability, so scores near the
            // cut on unseen articles fall on the side they lean to.
            let next = sorted.get(i + 1).map_or(0.0, |n| n.0);
            best_t = (p + next) / 2.0;
        }
    }
    (best_t, best_f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(features: &[u32], label: bool) -> Example {
        Example {
            features: features.to_vec(),
            label,
            weight: 1.0,
        }
    }

    #[test]
    fn learns_which_feature_predicts_the_label() {
        // Feature 0 marks positives, feature 1 is noise on both sides.
        let mut data = Vec::new();
        for i in 0..40 {
            data.push(ex(&[0, 1], true));
            data.push(ex(if i % 2 == 0 { &[1] } else { &[] }, false));
        }
        let w = train(&data, 2, &Settings::default());
        assert!(w.weights[0] > 1.0, "{w:?}");
        assert!(w.weights[0] > w.weights[1].abs() * 2.0, "{w:?}");
        assert!(w.probability(&[0]) > 0.8);
        assert!(w.probability(&[]) < 0.2);
    }

    #[test]
    fn training_is_deterministic() {
        let data: Vec<Example> = (0..30u32)
            .map(|i| ex(&[i % 3, 3 + i % 5], i % 3 == 0))
            .collect();
        let a = train(&data, 8, &Settings::default());
        let b = train(&data, 8, &Settings::default());
        assert_eq!(a, b);
    }

    #[test]
    fn softmax_picks_the_class_of_its_feature() {
        let data: Vec<ClassExample> = (0..60)
            .map(|i| ClassExample {
                features: vec![i % 3, 3],
                class: (i % 3) as usize,
                weight: 1.0,
            })
            .collect();
        let w = train_softmax(&data, 3, 4, &Settings::default());
        for c in 0..3u32 {
            let best = (0..3)
                .max_by(|&a, &b| w[a].score(&[c, 3]).total_cmp(&w[b].score(&[c, 3])))
                .unwrap();
            assert_eq!(best, c as usize);
        }
    }

    #[test]
    fn threshold_counts_facts_without_candidates_as_missed() {
        let scored = [(0.9, true), (0.8, false), (0.7, true), (0.2, false)];
        let (t, f) = best_threshold(&scored, 0);
        // Cutting below 0.7: tp 2, fp 1, fn 0 -> F1 0.8.
        assert!((f - 0.8).abs() < 1e-9, "{f}");
        assert!(t < 0.7 && t > 0.2, "{t}");
        let (_, f) = best_threshold(&scored, 2);
        assert!(f < 0.8);
    }
}
