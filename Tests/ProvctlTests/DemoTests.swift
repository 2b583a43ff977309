import Foundation
import Testing
import TestSupport

/// `provctl demo`: the walkthrough into a fresh store, then the tour.
@Suite("provctl demo")
struct DemoTests {
    static let tour = #"""

            == Resellers  (provctl reseller list)
            NAME                 DESCRIPTION            HOME LOCATION  GROUPS
            AudioCodes_Reseller  -                      GBR,USA        1
            Talk_Mail            Reseller Demo and POC  GBR,USA        1

            == Groups  (provctl group list)
            NAME                           RESELLER             DESCRIPTION                    HOME LOCATION  LIMIT SIM ACCESS
            AC_Internal                    AudioCodes_Reseller  AudioCodes internal users      GBR,USA        off
            Audiocodes_Trial_End_Customer  Talk_Mail            AudioCodes trial end customer  USA            off

            == SIM inventory  (provctl sims list)
            ICCID               SIM TYPE   STATUS     RESELLER   GROUP                          SUBSCRIBER
            894453000000052371  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            894453000000085788  MXG-ET085  RETIRED    Talk_Mail  Audiocodes_Trial_End_Customer  s00001d
            894453000000085791  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -

            == Adele Vance's summary  (provctl subscriber show s00001d)
            \#(WalkthroughExpected.adeleSummary)

            == Who did what to SIM 894453000000085788
            POSITION  TIME                      USER      ROLE         EVENT                   WHAT
            37        <time>  mike      distributor  sim.booked-in           booked in as eSIM MXG-ET085 (-> BOOKIN)
            40        <time>  mike      distributor  sim.reserved            reserved for Talk_Mail (BOOKIN -> RESERVED)
            43        <time>  liziya    reseller     sim.allocated           allocated to Audiocodes_Trial_End_Customer of Talk_Mail (RESERVED -> ALLOCATED)
            49        <time>  megan.it  customer     subscriber.provisioned  subscriber s00001d AdeleVance provisioned in Audiocodes_Trial_End_Customer with number 18332954087 and SIM 894453000000085788
            50        <time>  megan.it  customer     sim.activated           activated for subscriber s00001d of Audiocodes_Trial_End_Customer (ALLOCATED -> ACTIVE)
            52        <time>  liziya    reseller     subscriber.terminated   subscriber s00001d AdeleVance terminated: contract-ended
            53        <time>  liziya    reseller     sim.retired             retired: subscriber-terminated (ACTIVE -> RETIRED)

            """#

    @Test("builds ./demo-store from the fixture and prints the tour; a second run without --force changes nothing")
    func demo() throws {
        let directory = TemporaryDirectory("demo")
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let first = try ProvctlProcess.launch(["demo"], directory: directory.path)
        #expect(first.status == 0, "\(first)")
        let lines = first.stdout.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("Built ./demo-store from ") == true)
        #expect(lines.first?.hasSuffix("Fixtures/walkthrough.jsonl: 41 changes, 54 events.") == true)
        #expect(normalisingTimes(String(lines.last ?? "")) == Self.tour)

        let store = ProvctlProcess(store: directory.path + "/demo-store")
        let before = try store.dump()
        let again = try ProvctlProcess.launch(["demo"], directory: directory.path)
        #expect(again.status == 64)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr.contains("./demo-store") && again.stderr.contains("--force"))
        #expect(try store.dump() == before)

        // --force replaces it with a fresh walkthrough store.
        let forced = try ProvctlProcess.launch(["demo", "--store", "demo-store", "--force"], directory: directory.path)
        #expect(forced.status == 0, "\(forced)")
        let events = try store.run(["log", "--json"]).stdout.split(separator: "\n")
        #expect(events.count == 54)
    }
}
