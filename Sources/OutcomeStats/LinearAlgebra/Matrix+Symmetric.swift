extension Matrix {
    /// Whether the matrix is square and |aᵢⱼ − aⱼᵢ| ≤ `tolerance`·max(|aᵢⱼ|, |aⱼᵢ|) for every pair
    /// (with `tolerance` 0, exact symmetry). NaN entries make the matrix not symmetric.
    public func isSymmetric(relativeTolerance tolerance: Double = 0) -> Bool {
        guard isSquare else { return false }
        for j in 0..<columns {
            for i in 0..<j {
                let upper = self[i, j], lower = self[j, i]
                if !(abs(upper - lower) <= tolerance * max(abs(upper), abs(lower))) { return false }
            }
        }
        return true
    }

    /// The symmetric part (A + Aᵀ)/2, which removes rounding asymmetry from a computed covariance matrix.
    /// - Precondition: square.
    public var symmetrized: Matrix {
        precondition(isSquare, "Only a square matrix can be symmetrized")
        var result = self
        for j in 0..<columns {
            for i in 0..<j {
                let mean = (self[i, j] + self[j, i]) / 2
                result[i, j] = mean
                result[j, i] = mean
            }
        }
        return result
    }

    /// The symmetric matrix whose upper triangle (diagonal included) is this matrix's upper triangle;
    /// the strict lower triangle is overwritten. LAPACK routines called with `UPLO = 'U'` fill only the upper
    /// triangle; this completes their output.
    /// - Precondition: square.
    public var symmetricFromUpperTriangle: Matrix {
        precondition(isSquare, "Only a square matrix can be symmetric")
        var result = self
        for j in 0..<columns {
            for i in 0..<j { result[j, i] = self[i, j] }
        }
        return result
    }

    /// The upper triangle (diagonal included), with zeros below the diagonal.
    public var upperTriangle: Matrix {
        var result = self
        for j in 0..<columns {
            for i in (j + 1)..<max(j + 1, rows) { result[i, j] = 0 }
        }
        return result
    }
}

extension Matrix {
    /// The upper triangle of this square matrix, checked to be finite: the input every symmetric LAPACK
    /// routine here reads (`UPLO = 'U'`).
    /// - Throws: ``LinearAlgebraError/Kind/nonFiniteValue`` naming `routine`.
    /// - Precondition: square (a dimension error is the caller's bug, not bad data).
    func finiteUpperTriangle(for routine: String) throws(LinearAlgebraError) -> Matrix {
        precondition(isSquare, "\(routine) needs a square matrix, got \(rows)×\(columns)")
        let upper = upperTriangle
        try LinearAlgebraError.checkFinite(upper.storage, routine: routine)
        return upper
    }
}
