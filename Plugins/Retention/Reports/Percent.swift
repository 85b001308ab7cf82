/// A share in percent with one decimal (`12 of 60` → `20.0`), or nil when there is nothing to divide by.
func percent(_ part: Int, of whole: Int) -> Double? {
    whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
}
