/// GitKit: module placeholder replaced by its implementation.
import CGit2
