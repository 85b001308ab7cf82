import Kernel
import Testing

@Suite struct HTMLTests {
    @Test("interpolated text is escaped, interpolated HTML is not")
    func escaping() {
        let name = "<script>alert('x')</script> & \"co\""
        let inner: HTML = "<em>\(name)</em>"
        let outer: HTML = "<p title=\"\(name)\">\(inner)</p>"
        #expect(
            inner.markup == "<em>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</em>")
        #expect(outer.markup.hasPrefix("<p title=\"&lt;script&gt;"))
        #expect(
            outer.markup.hasSuffix("<em>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</em></p>"))
    }
}
