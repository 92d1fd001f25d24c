/// Rows of three columns appended front to back into arrays of a known capacity, through the
/// arrays' buffer pointers: each append checks the capacity with one compare, with no per-store
/// uniqueness check (as array subscripts or appends have). Handed out only inside `writeRows`.
struct RowWriter<A, B, C> {
    private let a: UnsafeMutableBufferPointer<A>
    private let b: UnsafeMutableBufferPointer<B>
    private let c: UnsafeMutableBufferPointer<C>
    private(set) var count = 0

    fileprivate init(_ a: UnsafeMutableBufferPointer<A>, _ b: UnsafeMutableBufferPointer<B>,
                     _ c: UnsafeMutableBufferPointer<C>) {
        precondition(a.count == b.count && b.count == c.count)
        (self.a, self.b, self.c) = (a, b, c)
    }

    @inline(__always) mutating func append(_ x: A, _ y: B, _ z: C) {
        precondition(count < a.count, "more rows than the capacity")
        a[count] = x
        b[count] = y
        c[count] = z
        count += 1
    }

    /// The first column of a row already appended.
    @inline(__always) subscript(row row: Int) -> A {
        get {
            precondition(UInt(bitPattern: row) < UInt(bitPattern: count), "row index out of range")
            return a[row]
        }
        nonmutating _modify {
            precondition(UInt(bitPattern: row) < UInt(bitPattern: count), "row index out of range")
            yield &a[row]
        }
    }
}

/// Up to `capacity` rows written by `body`, as three arrays trimmed to the rows written; the
/// storage is first filled with `blank` (one specialized fill per array, see `Array(filled:)`).
@inline(__always) func writeRows<A, B, C>(capacity: Int, blank: (A, B, C),
                                          _ body: (inout RowWriter<A, B, C>) -> Void) -> ([A], [B], [C]) {
    var a = [A](filled: blank.0, count: capacity), b = [B](filled: blank.1, count: capacity)
    var c = [C](filled: blank.2, count: capacity)
    let count = a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                var rows = RowWriter(a, b, c)
                body(&rows)
                return rows.count
            }
        }
    }
    a.removeLast(capacity - count)
    b.removeLast(capacity - count)
    c.removeLast(capacity - count)
    return (a, b, c)
}
