import Locations
import TemplateLanguage

extension GoldenPathError {
    /// A template's error at its own location (the template file's path is the template's name),
    /// with the excerpt and caret the template language prints under it.
    public init(templateError error: TemplateError) {
        self.init(file: nil, message: error.messageWithExcerpt)
        location = error.location
    }
}
