/// k-fold cross-validation of a weight fit: every answer is predicted by weights
/// fitted without it, so a fit that only memorises its answers shows up as
/// worse agreement here than in-sample.
public enum CrossValidation {
    /// Fold of each of `count` items: item i goes to fold i mod k (callers order items
    /// deterministically, by candidate id), so folds are reproducible and balanced.
    public static func folds(count: Int, k: Int) -> [Int] {
        (0..<count).map { $0 % max(1, k) }
    }

    /// Held-out predictions: for each fold, weights fitted by `fit` on the other folds
    /// predict the fold's rows through `predict`.
    public static func predictions(rows: [[Double]], target: [Double], k: Int,
                                   fit: ([[Double]], [Double]) -> [Double],
                                   predict: (_ row: Int, _ weights: [Double]) -> Double) -> [Double] {
        let fold = folds(count: rows.count, k: k)
        var predicted = Array(repeating: 0.0, count: rows.count)
        for held in 0..<k {
            let training = rows.indices.filter { fold[$0] != held }
            let weights = fit(training.map { rows[$0] }, training.map { target[$0] })
            for index in rows.indices where fold[index] == held { predicted[index] = predict(index, weights) }
        }
        return predicted
    }
}
