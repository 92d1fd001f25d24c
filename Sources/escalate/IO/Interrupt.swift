import Foundation

/// SIGINT/SIGTERM handling: the first signal asks the run to stop after the records already
/// read, so output ends on a complete line and the summary is still printed; a second one
/// ends the process at once.
enum Interrupt {
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    static var wasRequested: Bool { requested != 0 }

    static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            if Interrupt.requested != 0 { _exit(128 + signal) }
            Interrupt.requested = 1
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }
}
