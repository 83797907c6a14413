import GoldenPath
import GitKit
