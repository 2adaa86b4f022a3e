/// Non-negative least squares, Lawson and Hanson's active-set algorithm
/// (Solving Least Squares Problems, 1974, ch. 23): minimises ‖Ax − b‖ subject to
/// x ≥ 0, which is how criterion weights are fitted to human grades (a weight
/// can shrink to 0 but never turn a criterion into a penalty).
///
/// Hand-written on purpose: no package on the machine's list offers NNLS (nor
/// LAPACK on Linux), and the problems are tiny (one column per criterion, a few
/// dozen at most), where solving the passive set's normal equations by Cholesky
/// is exact enough and fast.
public enum NonNegativeLeastSquares {
    /// `rows` is A as a list of rows (m × n), `target` is b (m).
    public static func solve(rows: [[Double]], target: [Double], tolerance: Double = 1e-10) -> [Double] {
        let n = rows.first?.count ?? 0
        guard n > 0, !rows.isEmpty else { return Array(repeating: 0, count: n) }
        // AᵀA and Aᵀb once: every subproblem is a principal submatrix of them.
        var gram = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        var moment = Array(repeating: 0.0, count: n)
        for (row, value) in zip(rows, target) {
            for i in 0..<n where row[i] != 0 {
                moment[i] += row[i] * value
                for j in 0..<n where row[j] != 0 { gram[i][j] += row[i] * row[j] }
            }
        }
        return solve(gram: gram, moment: moment, tolerance: tolerance)
    }

    /// The same problem given by its normal equations: `gram` is AᵀA (n × n, symmetric
    /// positive semi-definite) and `moment` is Aᵀb. A ridge toward prior weights w₀
    /// (‖Ax − b‖² + λ‖x − w₀‖²) is this with λI added to `gram` and λw₀ to `moment`.
    public static func solve(gram: [[Double]], moment: [Double], tolerance: Double = 1e-10) -> [Double] {
        let n = moment.count
        guard n > 0 else { return [] }
        var x = Array(repeating: 0.0, count: n)
        var passive = Array(repeating: false, count: n)
        func gradient() -> [Double] {
            (0..<n).map { i in moment[i] - (0..<n).reduce(0) { $0 + gram[i][$1] * x[$1] } }
        }
        var iterations = 0
        while iterations < 3 * n + 10 {
            iterations += 1
            let w = gradient()
            guard let entering = (0..<n).filter({ !passive[$0] && w[$0] > tolerance }).max(by: { w[$0] < w[$1] }) else { break }
            passive[entering] = true
            while true {
                let z = passiveSolution(gram: gram, moment: moment, passive: passive)
                let blocked = (0..<n).filter { passive[$0] && z[$0] <= tolerance }
                if blocked.isEmpty { x = z; break }
                let step = blocked.map { x[$0] / (x[$0] - z[$0]) }.min() ?? 0
                for i in 0..<n where passive[i] { x[i] += step * (z[i] - x[i]) }
                for i in 0..<n where passive[i] && x[i] <= tolerance { passive[i] = false; x[i] = 0 }
                if !passive.contains(true) { break }
            }
        }
        return x
    }

    /// The unconstrained least-squares solution on the passive columns (others 0),
    /// from the normal equations by Cholesky; a tiny ridge keeps collinear columns solvable.
    static func passiveSolution(gram: [[Double]], moment: [Double], passive: [Bool]) -> [Double] {
        let columns = passive.indices.filter { passive[$0] }
        let k = columns.count
        var a = columns.map { i in columns.map { j in gram[i][j] } }
        var b = columns.map { moment[$0] }
        let scale = max(1e-12, (0..<k).reduce(0.0) { max($0, a[$1][$1]) })
        for i in 0..<k { a[i][i] += scale * 1e-12 }
        // Cholesky: a = L Lᵀ.
        var l = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k {
            for j in 0...i {
                var sum = a[i][j]
                for p in 0..<j { sum -= l[i][p] * l[j][p] }
                if i == j { l[i][i] = sum > 0 ? sum.squareRoot() : 1e-12 } else { l[i][j] = sum / l[j][j] }
            }
        }
        for i in 0..<k {
            for p in 0..<i { b[i] -= l[i][p] * b[p] }
            b[i] /= l[i][i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for p in (i + 1)..<max(i + 1, k) { b[i] -= l[p][i] * b[p] }
            b[i] /= l[i][i]
        }
        var result = Array(repeating: 0.0, count: passive.count)
        for (index, column) in columns.enumerated() { result[column] = b[index] }
        return result
    }
}
