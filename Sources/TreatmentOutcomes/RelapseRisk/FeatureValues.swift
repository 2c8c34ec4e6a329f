/// One candidate feature's values, a value per patient, read as `Double?`, stored with NaN standing for a missing
/// value: 8 bytes a patient instead of the 16 of `[Double?]` (a relapse-risk fit keeps every candidate column while
/// it trains, 40-odd columns; at a million patients the difference is about 300 MB).
///
/// A value that is itself NaN reads as missing, so it is imputed like one: with `[Double?]` it would have made the
/// feature's mean and variance NaN and dropped the feature. Feature columns never hold NaN (they are counts,
/// proportions of a non-zero count, days, baseline covariates read as finite numbers).
struct FeatureValues: RandomAccessCollection, Sendable {
    private let storage: [Double]

    init(_ values: [Double?]) {
        storage = values.map { $0 ?? .nan }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    subscript(position: Int) -> Double? {
        let value = storage[position]
        return value.isNaN ? nil : value
    }
}
