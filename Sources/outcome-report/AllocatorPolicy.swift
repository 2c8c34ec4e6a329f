import Foundation

/// How the command asks glibc's allocator to hand memory back, set once before anything is allocated.
///
/// - **Arenas**: glibc gives each thread that allocates concurrently its own heap arena, up to eight per core; space
///   freed in one arena serves only that arena. The report's parts run on several threads (the balance models on
///   one, the relapse-risk folds on others), so what one part frees stays resident while another grows. The arenas
///   are limited to the number of cores (at least two).
/// - **Mapping threshold**: a block smaller than glibc's mmap threshold comes from an arena, and each time a mapped
///   block is freed glibc raises the threshold to that block's size, up to 32 MB. At a million patients, arrays of one
///   value per patient (8 MB) and the per-fold designs then come from arenas. With the threshold fixed at 1 MB, every
///   block of 1 MB or more is mapped on its own and returned when freed.
///
/// Measured on the 1,000,000-patient synthetic report (docs/Performance.md): peak RSS 9.2 GB with glibc's defaults,
/// 8.1 GB with the threshold alone, 7.2 GB with both; the kernel's zeroing of fresh mappings costs about 3% more CPU
/// there and about a second at 20,000 patients. Outputs do not depend on it. Elsewhere than glibc it does nothing.
enum AllocatorPolicy {
    static let mapThreshold: Int32 = 1 << 20

    static func apply() {
        #if os(Linux) && canImport(Glibc)
        _ = glibcMallopt(glibcMmapThreshold, mapThreshold)
        _ = glibcMallopt(glibcArenaMax, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
    }
}

#if os(Linux) && canImport(Glibc)
/// `int mallopt(int param, int value)` from glibc's `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// `M_MMAP_THRESHOLD` and `M_ARENA_MAX` in `<malloc.h>`.
private let glibcMmapThreshold: Int32 = -3
private let glibcArenaMax: Int32 = -8
#endif
