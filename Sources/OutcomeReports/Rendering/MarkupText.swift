/// Text set into XML or HTML markup (the SVG charts, the HTML page): `& < > " '` become the predefined entities
/// `&amp; &lt; &gt; &quot; &apos;` (HTML5 knows all five), so data can never open a tag or close an attribute.
enum MarkupText {
    static func escaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
