/// TemplateLanguage
import Foundation
