/// Objects a run keeps until the process exits. Freeing the lexicons, the model and their tables
/// one array at a time at the end of a run costs about as much as scoring a few thousand tickets
/// (a fifth of start-up's instructions); the operating system takes the memory back at exit at
/// no cost. Only for what lives as long as the run anyway.
enum KeptUntilExit {
    nonisolated(unsafe) private static var kept: [AnyObject] = []

    /// Called from the main thread only.
    static func keep(_ object: AnyObject) { kept.append(object) }
}
