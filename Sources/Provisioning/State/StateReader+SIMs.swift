extension StateReader {
    /// The SIM a group's next subscriber gets when the wizard names none
    /// ("choose the next available eSIM", guide 12.2): the smallest ICCID of the
    /// requested form allocated to the group; when the group does not limit SIM
    /// access and none is allocated, the smallest reserved to its reseller.
    public func nextAvailableSIM(forGroup group: GroupRecord, form: SIMForm) -> ICCID? {
        if let allocated = firstSIM(in: SIMPool(holder: .group(group.name), form: form)) {
            return allocated
        }
        if group.limitSIMAccess { return nil }
        return firstSIM(in: SIMPool(holder: .reseller(group.reseller), form: form))
    }
}
