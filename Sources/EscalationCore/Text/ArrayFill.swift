extension Array {
    /// `Array(repeating:count:)` by another road. On Linux that initializer (like
    /// `init(unsafeUninitializedCapacity:initializingWith:)`) allocates through a stdlib function
    /// that is never specialized and looks up the storage type's metadata at run time: about 800
    /// instructions per array, more than filling a ticket-sized one. `repeatElement` is copied in
    /// through specialized code. Use this for arrays made per ticket.
    @inline(__always) init(filled value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}
