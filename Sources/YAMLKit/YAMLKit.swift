/// YAMLKit: module placeholder replaced by its implementation.
import CYAML
