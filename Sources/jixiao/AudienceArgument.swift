import ArgumentParser
import JixiaoSite

extension Audience: @retroactive ExpressibleByArgument {}
