import ArgumentParser
import JixiaoSite

extension Audience: ExpressibleByArgument {}
