/// The result of ``UsePattern/detectInWindow(width:threshold:offset:matching:convention:)``: a time and an event
/// indicator, both `nil` (R's NA) when the word is shorter than the window.
public struct WindowDetection: Sendable, Hashable {
    public let time: Int?
    public let event: Bool?

    public init(time: Int?, event: Bool?) {
        self.time = time
        self.event = event
    }

    /// The same detection with its time shifted by `days` (an unavailable time stays unavailable).
    public func shifted(by amount: Int) -> WindowDetection {
        WindowDetection(time: time.map { $0 + amount }, event: event)
    }
}

extension UsePattern {
    /// CTNote `detect_in_window(word, window_width, threshold, offset, match_is)`: the first window of `width`
    /// consecutive positions holding at least `threshold` symbols equal to `matching`.
    ///
    /// ```
    /// nW = n − w + 1 windows; window k covers positions k … k + w − 1
    /// event:    time = (first hit k) + offset,  event = true
    /// no event: time = nW + offset (ctnote) or n (corrected),  event = false
    /// nW < 1:   time = nil, event = nil (R warns)
    /// ```
    /// With the default `offset = w − t` an event is dated `k + w − t`, which need not be the first matching
    /// symbol (`"++++"` with (4, 3) gives time 2). Examples: `"o-o+++"` → (4, true); offset 0 → (3, true);
    /// (1, 1) → (4, true); `"------"` (4, 3) → (4, false), (4, 4) → (3, false); `"-------++++"` (4, 2) → (8, true).
    /// - Precondition: `1 ≤ threshold ≤ width` (R errors when threshold > width) and `matching` is not `*`.
    public func detectInWindow(
        width: Int = 4, threshold: Int = 3, offset: Int? = nil, matching: UseSymbol = .positive,
        convention: UsePatternConvention = .ctnote
    ) -> WindowDetection {
        precondition(threshold >= 1 && threshold <= width, "detect_in_window: need 1 ≤ threshold ≤ window width")
        precondition(matching != .mixed, "detect_in_window: match_is cannot be \"*\"")
        let offset = offset ?? (width - threshold)
        let windows = count - width + 1
        guard windows >= 1 else { return WindowDetection(time: nil, event: nil) }
        var inWindow = 0
        for index in 0..<width where symbols[index] == matching { inWindow += 1 }
        for start in 0..<windows {
            if start > 0 {
                if symbols[start - 1] == matching { inWindow -= 1 }
                if symbols[start + width - 1] == matching { inWindow += 1 }
            }
            if inWindow >= threshold { return WindowDetection(time: start + 1 + offset, event: true) }
        }
        let censoring = convention == .ctnote ? windows + offset : count
        return WindowDetection(time: censoring, event: false)
    }
}
