import Provisioning

extension Command {
    /// How many SIMs or numbers the command names: the number of events it will
    /// write, give or take a few (1 for the commands that are not bulk).
    var bulkItemCount: Int {
        switch self {
        case .bookInSIMs(let command): command.sims.count
        case .reserveSIMs(let command): command.iccids.count
        case .allocateSIMs(let command): command.iccids.count
        case .unallocateSIMs(let command): command.iccids.count
        case .unreserveSIMs(let command): command.iccids.count
        case .retireSIMs(let command): command.iccids.count
        case .importNumbers(let command): command.numbers.count
        case .releaseNumbers(let command): command.numbers.count
        default: 1
        }
    }

    /// Room to reserve in the map before a bulk change: about 1 KiB of pages an event
    /// (a book-in stores ~450 bytes an event with its indexes and read models; pages
    /// copied on write are freed only after the commit), doubled for margin. Nil below
    /// 1,000 items, where a rerun on a full map costs little.
    var storeGrowthToReserve: Int? {
        let items = bulkItemCount
        return items >= 1_000 ? items * 2_048 : nil
    }
}
