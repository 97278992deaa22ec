//! Streaming statistics: plain Rust with no Python in it, so `cargo test`
//! checks it directly and the bindings in `lib.rs` stay thin.

use std::fmt;

/// Why a statistic cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Error {
    /// No value has been added yet.
    Empty,
    /// A value was NaN or infinite, which would poison every later result.
    NotFinite(f64),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("no values: add at least one value first"),
            Self::NotFinite(value) => write!(f, "{value} is not a finite number"),
        }
    }
}

impl std::error::Error for Error {}

/// Count, mean and variance of a stream, updated one value at a time with
/// Welford's algorithm: one pass, no stored values, numerically stable.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Welford {
    count: u64,
    mean: f64,
    m2: f64,
}

impl Welford {
    /// An accumulator that has seen no values.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            count: 0,
            mean: 0.0,
            m2: 0.0,
        }
    }

    /// Adds one value.
    ///
    /// # Errors
    ///
    /// [`Error::NotFinite`] for NaN or an infinity; the accumulator is unchanged.
    pub fn push(&mut self, value: f64) -> Result<(), Error> {
        if !value.is_finite() {
            return Err(Error::NotFinite(value));
        }
        self.count += 1;
        let delta = value - self.mean;
        self.mean += delta / self.count_f64();
        self.m2 += delta * (value - self.mean);
        Ok(())
    }

    /// How many values have been added.
    #[must_use]
    pub const fn count(&self) -> u64 {
        self.count
    }

    /// The arithmetic mean.
    ///
    /// # Errors
    ///
    /// [`Error::Empty`] before the first value.
    pub fn mean(&self) -> Result<f64, Error> {
        self.non_empty().map(|()| self.mean)
    }

    /// The population variance.
    ///
    /// # Errors
    ///
    /// [`Error::Empty`] before the first value.
    pub fn variance(&self) -> Result<f64, Error> {
        self.non_empty().map(|()| self.m2 / self.count_f64())
    }

    const fn non_empty(&self) -> Result<(), Error> {
        if self.count == 0 {
            Err(Error::Empty)
        } else {
            Ok(())
        }
    }

    #[expect(
        clippy::cast_precision_loss,
        reason = "counts above 2^53 values are beyond any realistic stream"
    )]
    const fn count_f64(&self) -> f64 {
        self.count as f64
    }
}

/// The mean of a slice of values.
///
/// # Errors
///
/// [`Error::Empty`] for an empty slice, [`Error::NotFinite`] for NaN or an infinity.
pub fn mean(values: &[f64]) -> Result<f64, Error> {
    let mut acc = Welford::new();
    for &value in values {
        acc.push(value)?;
    }
    acc.mean()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_variance_match_the_textbook_formulas() {
        let values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let mut acc = Welford::new();
        for value in values {
            acc.push(value).unwrap();
        }
        assert_eq!(acc.count(), 8);
        assert!((acc.mean().unwrap() - 5.0).abs() < 1e-12);
        assert!((acc.variance().unwrap() - 4.0).abs() < 1e-12);
    }

    #[test]
    fn empty_input_is_an_error() {
        assert_eq!(mean(&[]), Err(Error::Empty));
        assert_eq!(Welford::new().variance(), Err(Error::Empty));
    }

    #[test]
    fn non_finite_values_are_rejected_and_leave_state_unchanged() {
        let mut acc = Welford::new();
        acc.push(1.0).unwrap();
        assert!(matches!(acc.push(f64::NAN), Err(Error::NotFinite(v)) if v.is_nan()));
        assert_eq!(
            acc.push(f64::INFINITY),
            Err(Error::NotFinite(f64::INFINITY))
        );
        assert_eq!(acc.count(), 1);
        assert_eq!(acc.mean(), Ok(1.0));
    }

    #[test]
    fn errors_explain_themselves() {
        assert_eq!(
            Error::Empty.to_string(),
            "no values: add at least one value first"
        );
        assert_eq!(
            Error::NotFinite(f64::INFINITY).to_string(),
            "inf is not a finite number"
        );
    }
}
