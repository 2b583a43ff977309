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
        isBulk ? bulkItemCount * 2_048 : nil
    }
}

extension Command {
    /// A bulk change: 1,000 items or more. It reserves room in the map and warms the
    /// file's tail first, and commits alone (`ProvisioningEngine.execute`).
    var isBulk: Bool { bulkItemCount >= 1_000 }

    /// The bytes of new pages a bulk change is expected to write at its commit, for
    /// the page cache to be made ready (`withFileTailWarmed`), a little more than
    /// measured (`mdb_stat -e`, the pages in use before and after, a million items):
    /// a book-in writes 428 bytes an item (records 205, tag index 92, SIM records 85,
    /// their index 39, and 5 for a snapshot when it crosses an interval), a reserve 696
    /// (the same records and tags, and every page of the SIM records and their index
    /// copied as it changes). The other changes of SIMs and numbers are taken as a
    /// reserve, an import of numbers as a book-in. A page warmed and not written costs
    /// the warming thread as much as one written; one written and not warmed costs the
    /// commit, on the change's thread. None below 1,000 items: the warming thread would
    /// cost more than it saves.
    var newPageBytes: Int {
        guard isBulk else { return 0 }
        switch self {
        case .bookInSIMs, .importNumbers: return bulkItemCount * 448
        default: return bulkItemCount * 736
        }
    }
}
