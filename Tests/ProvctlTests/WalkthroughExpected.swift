// Generated from a run of the walkthrough, then read line by line: the expected
// output of every list and show command on the walkthrough store (times as <time>).

enum WalkthroughExpected {
    /// Adele Vance's summary (`subscriber show s00001d`) after the walkthrough, as the
    /// list above, the demo's tour and the CLI walkthrough expect it.
    static let adeleSummary = #"""
        FIELD            VALUE
        ID               s00001d
        Status           TERMINATED
        Type             Tango Extend
        Home Location    USA
        Group            Audiocodes_Trial_End_Customer
        SIM ICCID        894453000000085788
        SIM Type         eSIM / MXG-ET085
        Network Profile  Mobile-X
        Voice            ON
        Data             ON
        Messaging        ON
        Mobile Hotspot   OFF
        PBX              MicrosoftTeams
        Extension        1001
        Business Number  -
        Name             AdeleVance
        First Name       Adele
        Last Name        Vance
        Email            AdeleV@m365x17108666.onmicrosoft.com
        Number           18332954087
        Bundle           BUN-USN-RATECARD
        Roaming Policy   PLCY_RMG_UNRESTRICTED
        Terminated       <time> (contract-ended)
        """#

    static let outputs: [(command: String, text: String, json: String)] = [
        (
            "pbx list",
            #"""
            NAME            TYPE             HOME  COUNTRY  DOMAIN  EMERGENCY CALLBACK
            MicrosoftTeams  microsoft-teams  USA   USA      -       on
            """#,
            #"""
            [
              {
                "name": "MicrosoftTeams",
                "type": "microsoft-teams",
                "home-location": "USA",
                "country": "USA",
                "domain": null,
                "emergency-callback": true,
                "voicemail-deposit": null,
                "voicemail-retrieval": null
              }
            ]
            """#
        ),
        (
            "product list",
            #"""
            CODE  NAME           TYPE
            UCC   UC Link - PBX  enterprise
            """#,
            #"""
            [
              {
                "code": "UCC",
                "name": "UC Link - PBX",
                "type": "enterprise"
              }
            ]
            """#
        ),
        (
            "bundle list",
            #"""
            CODE                    NAME                                           HOME  DESCRIPTION
            BUN-UKN-CPLUS-RATECARD  UK Subscriber ratecard                         GBR   Mobile-X UK Subscriber ratecard
            BUN-UKN-MX2G            Unlimited Voice and Text, 2GB Data             GBR   Mobile-X UK Enterprise subscriber bundle with 2GB data
            BUN-UKN-MXBase          Mobile-X UK Enterprise subscriber bundle base  GBR   Mobile-X UK Enterprise subscriber bundle base
            BUN-USN-MX2G            Unlimited Voice and Text, 2GB Data             USA   Mobile-X USA Enterprise subscriber bundle with 2GB data
            BUN-USN-MXBase          Enterprise Base Bundle Primary SIM             USA   Primary SIM USA Enterprise subscriber bundle base
            BUN-USN-RATECARD        Subscriber Bundle Ratecard                     USA   Mobile-X USA Enterprise Subscriber ratecard
            """#,
            #"""
            [
              {
                "code": "BUN-UKN-CPLUS-RATECARD",
                "name": "UK Subscriber ratecard",
                "description": "Mobile-X UK Subscriber ratecard",
                "type": "subscriber",
                "home-location": "GBR"
              },
              {
                "code": "BUN-UKN-MX2G",
                "name": "Unlimited Voice and Text, 2GB Data",
                "description": "Mobile-X UK Enterprise subscriber bundle with 2GB data",
                "type": "subscriber",
                "home-location": "GBR"
              },
              {
                "code": "BUN-UKN-MXBase",
                "name": "Mobile-X UK Enterprise subscriber bundle base",
                "description": "Mobile-X UK Enterprise subscriber bundle base",
                "type": "subscriber",
                "home-location": "GBR"
              },
              {
                "code": "BUN-USN-MX2G",
                "name": "Unlimited Voice and Text, 2GB Data",
                "description": "Mobile-X USA Enterprise subscriber bundle with 2GB data",
                "type": "subscriber",
                "home-location": "USA"
              },
              {
                "code": "BUN-USN-MXBase",
                "name": "Enterprise Base Bundle Primary SIM",
                "description": "Primary SIM USA Enterprise subscriber bundle base",
                "type": "subscriber",
                "home-location": "USA"
              },
              {
                "code": "BUN-USN-RATECARD",
                "name": "Subscriber Bundle Ratecard",
                "description": "Mobile-X USA Enterprise Subscriber ratecard",
                "type": "subscriber",
                "home-location": "USA"
              }
            ]
            """#
        ),
        (
            "roaming-policy list",
            #"""
            NAME                   TYPE      HOME  DESCRIPTION
            PLCY_RMG_UNRESTRICTED  standard  ALL   Roaming Unrestricted
            """#,
            #"""
            [
              {
                "name": "PLCY_RMG_UNRESTRICTED",
                "description": "Roaming Unrestricted",
                "type": "standard",
                "home-location": "ALL"
              }
            ]
            """#
        ),
        (
            "network-profile list",
            #"""
            PROFILE   SPN
            Mobile-X  Mobile-X
            TangoExt  TangoExt
            """#,
            #"""
            [
              {
                "name": "Mobile-X",
                "spn": "Mobile-X"
              },
              {
                "name": "TangoExt",
                "spn": "TangoExt"
              }
            ]
            """#
        ),
        (
            "reseller list",
            #"""
            NAME                 DESCRIPTION            HOME LOCATION  GROUPS
            AudioCodes_Reseller  -                      GBR,USA        1
            Talk_Mail            Reseller Demo and POC  GBR,USA        1
            """#,
            #"""
            [
              {
                "name": "AudioCodes_Reseller",
                "description": null,
                "home-locations": [
                  "GBR",
                  "USA"
                ],
                "country": "USA",
                "address": {
                  "address1": "80 Kingsbridge Rd",
                  "address2": null,
                  "city": "Piscataway",
                  "state": "NJ"
                },
                "catalog": {
                  "products": "inherit",
                  "bundles": "inherit",
                  "roaming-policies": "inherit",
                  "network-profiles": [
                    "Mobile-X",
                    "TangoExt"
                  ],
                  "default-bundle": null,
                  "default-network-profile": "Mobile-X",
                  "default-roaming-policy": null
                },
                "branding": {
                  "product-name": null,
                  "support-email": null,
                  "documents": []
                }
              },
              {
                "name": "Talk_Mail",
                "description": "Reseller Demo and POC",
                "home-locations": [
                  "GBR",
                  "USA"
                ],
                "country": "GBR",
                "address": {
                  "address1": "1 Poultry",
                  "address2": null,
                  "city": "London",
                  "state": null
                },
                "catalog": {
                  "products": "inherit",
                  "bundles": "inherit",
                  "roaming-policies": "inherit",
                  "network-profiles": [
                    "Mobile-X",
                    "TangoExt"
                  ],
                  "default-bundle": null,
                  "default-network-profile": "Mobile-X",
                  "default-roaming-policy": null
                },
                "branding": {
                  "product-name": null,
                  "support-email": null,
                  "documents": []
                }
              }
            ]
            """#
        ),
        (
            "reseller show Talk_Mail",
            #"""
            FIELD                    VALUE
            Name                     Talk_Mail
            Description              Reseller Demo and POC
            Home location            GBR,USA
            Country                  GBR
            Address                  1 Poultry, London
            Groups                   Audiocodes_Trial_End_Customer
            Products                 inherit
            Bundles                  inherit
            Roaming policies         inherit
            Network profiles         Mobile-X,TangoExt
            Default bundle           -
            Default network profile  Mobile-X
            Product name             -
            Support email            -
            SIMs                     BOOKIN 0, RESERVED 0, ALLOCATED 2, ACTIVE 0, RETIRED 1
            Numbers                  3
            Subscribers              0
            """#,
            #"""
            {
              "name": "Talk_Mail",
              "description": "Reseller Demo and POC",
              "home-locations": [
                "GBR",
                "USA"
              ],
              "country": "GBR",
              "address": {
                "address1": "1 Poultry",
                "address2": null,
                "city": "London",
                "state": null
              },
              "catalog": {
                "products": "inherit",
                "bundles": "inherit",
                "roaming-policies": "inherit",
                "network-profiles": [
                  "Mobile-X",
                  "TangoExt"
                ],
                "default-bundle": null,
                "default-network-profile": "Mobile-X",
                "default-roaming-policy": null
              },
              "branding": {
                "product-name": null,
                "support-email": null,
                "documents": []
              },
              "counts": {
                "sims-bookin": 0,
                "sims-reserved": 0,
                "sims-allocated": 2,
                "sims-active": 0,
                "sims-retired": 1,
                "numbers": 3,
                "subscribers": 0
              }
            }
            """#
        ),
        (
            "reseller show AudioCodes_Reseller",
            #"""
            FIELD                    VALUE
            Name                     AudioCodes_Reseller
            Description              -
            Home location            GBR,USA
            Country                  USA
            Address                  80 Kingsbridge Rd, Piscataway, NJ
            Groups                   AC_Internal
            Products                 inherit
            Bundles                  inherit
            Roaming policies         inherit
            Network profiles         Mobile-X,TangoExt
            Default bundle           -
            Default network profile  Mobile-X
            Product name             -
            Support email            -
            SIMs                     BOOKIN 0, RESERVED 0, ALLOCATED 0, ACTIVE 0, RETIRED 0
            Numbers                  0
            Subscribers              0
            """#,
            #"""
            {
              "name": "AudioCodes_Reseller",
              "description": null,
              "home-locations": [
                "GBR",
                "USA"
              ],
              "country": "USA",
              "address": {
                "address1": "80 Kingsbridge Rd",
                "address2": null,
                "city": "Piscataway",
                "state": "NJ"
              },
              "catalog": {
                "products": "inherit",
                "bundles": "inherit",
                "roaming-policies": "inherit",
                "network-profiles": [
                  "Mobile-X",
                  "TangoExt"
                ],
                "default-bundle": null,
                "default-network-profile": "Mobile-X",
                "default-roaming-policy": null
              },
              "branding": {
                "product-name": null,
                "support-email": null,
                "documents": []
              },
              "counts": {
                "sims-bookin": 0,
                "sims-reserved": 0,
                "sims-allocated": 0,
                "sims-active": 0,
                "sims-retired": 0,
                "numbers": 0,
                "subscribers": 0
              }
            }
            """#
        ),
        (
            "group list",
            #"""
            NAME                           RESELLER             DESCRIPTION                    HOME LOCATION  LIMIT SIM ACCESS
            AC_Internal                    AudioCodes_Reseller  AudioCodes internal users      GBR,USA        off
            Audiocodes_Trial_End_Customer  Talk_Mail            AudioCodes trial end customer  USA            off
            """#,
            #"""
            [
              {
                "name": "AC_Internal",
                "reseller": "AudioCodes_Reseller",
                "description": "AudioCodes internal users",
                "domain": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                "enterprise-number": null,
                "home-locations": [
                  "GBR",
                  "USA"
                ],
                "limit-sim-access": false,
                "catalog": {
                  "products": "inherit",
                  "bundles": "inherit",
                  "roaming-policies": "inherit",
                  "network-profiles": [
                    "Mobile-X",
                    "TangoExt"
                  ],
                  "default-bundle": "BUN-USN-RATECARD",
                  "default-network-profile": "Mobile-X",
                  "default-roaming-policy": "PLCY_RMG_UNRESTRICTED"
                }
              },
              {
                "name": "Audiocodes_Trial_End_Customer",
                "reseller": "Talk_Mail",
                "description": "AudioCodes trial end customer",
                "domain": "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                "enterprise-number": "18332954000",
                "home-locations": [
                  "USA"
                ],
                "limit-sim-access": false,
                "catalog": {
                  "products": "inherit",
                  "bundles": "inherit",
                  "roaming-policies": "inherit",
                  "network-profiles": [
                    "Mobile-X",
                    "TangoExt"
                  ],
                  "default-bundle": "BUN-USN-RATECARD",
                  "default-network-profile": "Mobile-X",
                  "default-roaming-policy": "PLCY_RMG_UNRESTRICTED"
                }
              }
            ]
            """#
        ),
        (
            "group list --reseller Talk_Mail",
            #"""
            NAME                           RESELLER   DESCRIPTION                    HOME LOCATION  LIMIT SIM ACCESS
            Audiocodes_Trial_End_Customer  Talk_Mail  AudioCodes trial end customer  USA            off
            """#,
            #"""
            [
              {
                "name": "Audiocodes_Trial_End_Customer",
                "reseller": "Talk_Mail",
                "description": "AudioCodes trial end customer",
                "domain": "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
                "enterprise-number": "18332954000",
                "home-locations": [
                  "USA"
                ],
                "limit-sim-access": false,
                "catalog": {
                  "products": "inherit",
                  "bundles": "inherit",
                  "roaming-policies": "inherit",
                  "network-profiles": [
                    "Mobile-X",
                    "TangoExt"
                  ],
                  "default-bundle": "BUN-USN-RATECARD",
                  "default-network-profile": "Mobile-X",
                  "default-roaming-policy": "PLCY_RMG_UNRESTRICTED"
                }
              }
            ]
            """#
        ),
        (
            "group show Audiocodes_Trial_End_Customer",
            #"""
            FIELD                    VALUE
            Name                     Audiocodes_Trial_End_Customer
            Reseller                 Talk_Mail
            Description              AudioCodes trial end customer
            Domain                   9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d
            Enterprise number        18332954000
            Home location            USA
            Limit SIM access         off
            Products                 inherit
            Bundles                  inherit
            Roaming policies         inherit
            Network profiles         Mobile-X,TangoExt
            Default bundle           BUN-USN-RATECARD
            Default network profile  Mobile-X
            Default roaming policy   PLCY_RMG_UNRESTRICTED
            SIMs                     BOOKIN 0, RESERVED 0, ALLOCATED 2, ACTIVE 0, RETIRED 1
            Subscribers              0
            """#,
            #"""
            {
              "name": "Audiocodes_Trial_End_Customer",
              "reseller": "Talk_Mail",
              "description": "AudioCodes trial end customer",
              "domain": "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
              "enterprise-number": "18332954000",
              "home-locations": [
                "USA"
              ],
              "limit-sim-access": false,
              "catalog": {
                "products": "inherit",
                "bundles": "inherit",
                "roaming-policies": "inherit",
                "network-profiles": [
                  "Mobile-X",
                  "TangoExt"
                ],
                "default-bundle": "BUN-USN-RATECARD",
                "default-network-profile": "Mobile-X",
                "default-roaming-policy": "PLCY_RMG_UNRESTRICTED"
              },
              "counts": {
                "sims-bookin": 0,
                "sims-reserved": 0,
                "sims-allocated": 2,
                "sims-active": 0,
                "sims-retired": 1,
                "subscribers": 0
              }
            }
            """#
        ),
        (
            "group show AC_Internal",
            #"""
            FIELD                    VALUE
            Name                     AC_Internal
            Reseller                 AudioCodes_Reseller
            Description              AudioCodes internal users
            Domain                   3f2504e0-4f89-41d3-9a0c-0305e82c3301
            Enterprise number        -
            Home location            GBR,USA
            Limit SIM access         off
            Products                 inherit
            Bundles                  inherit
            Roaming policies         inherit
            Network profiles         Mobile-X,TangoExt
            Default bundle           BUN-USN-RATECARD
            Default network profile  Mobile-X
            Default roaming policy   PLCY_RMG_UNRESTRICTED
            SIMs                     BOOKIN 0, RESERVED 0, ALLOCATED 0, ACTIVE 0, RETIRED 0
            Subscribers              0
            """#,
            #"""
            {
              "name": "AC_Internal",
              "reseller": "AudioCodes_Reseller",
              "description": "AudioCodes internal users",
              "domain": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
              "enterprise-number": null,
              "home-locations": [
                "GBR",
                "USA"
              ],
              "limit-sim-access": false,
              "catalog": {
                "products": "inherit",
                "bundles": "inherit",
                "roaming-policies": "inherit",
                "network-profiles": [
                  "Mobile-X",
                  "TangoExt"
                ],
                "default-bundle": "BUN-USN-RATECARD",
                "default-network-profile": "Mobile-X",
                "default-roaming-policy": "PLCY_RMG_UNRESTRICTED"
              },
              "counts": {
                "sims-bookin": 0,
                "sims-reserved": 0,
                "sims-allocated": 0,
                "sims-active": 0,
                "sims-retired": 0,
                "subscribers": 0
              }
            }
            """#
        ),
        (
            "catalog show --group AC_Internal",
            #"""
            KIND             ITEM                    SOURCE     DEFAULT
            pbx              MicrosoftTeams          always
            product          UCC                     inherited
            bundle           BUN-UKN-CPLUS-RATECARD  inherited
            bundle           BUN-UKN-MX2G            inherited
            bundle           BUN-UKN-MXBase          inherited
            bundle           BUN-USN-MX2G            inherited
            bundle           BUN-USN-MXBase          inherited
            bundle           BUN-USN-RATECARD        inherited  yes
            roaming policy   PLCY_RMG_UNRESTRICTED   inherited  yes
            network profile  Mobile-X                assigned   yes
            network profile  TangoExt                assigned
            """#,
            #"""
            {
              "level": "group:AC_Internal",
              "items": [
                {
                  "kind": "pbx",
                  "item": "MicrosoftTeams",
                  "source": "always",
                  "default": false
                },
                {
                  "kind": "product",
                  "item": "UCC",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-UKN-CPLUS-RATECARD",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-UKN-MX2G",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-UKN-MXBase",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-USN-MX2G",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-USN-MXBase",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-USN-RATECARD",
                  "source": "inherited",
                  "default": true
                },
                {
                  "kind": "roaming policy",
                  "item": "PLCY_RMG_UNRESTRICTED",
                  "source": "inherited",
                  "default": true
                },
                {
                  "kind": "network profile",
                  "item": "Mobile-X",
                  "source": "assigned",
                  "default": true
                },
                {
                  "kind": "network profile",
                  "item": "TangoExt",
                  "source": "assigned",
                  "default": false
                }
              ]
            }
            """#
        ),
        (
            "catalog show --reseller Talk_Mail",
            #"""
            KIND             ITEM                    SOURCE     DEFAULT
            pbx              MicrosoftTeams          always
            product          UCC                     inherited
            bundle           BUN-UKN-CPLUS-RATECARD  inherited
            bundle           BUN-UKN-MX2G            inherited
            bundle           BUN-UKN-MXBase          inherited
            bundle           BUN-USN-MX2G            inherited
            bundle           BUN-USN-MXBase          inherited
            bundle           BUN-USN-RATECARD        inherited
            roaming policy   PLCY_RMG_UNRESTRICTED   inherited
            network profile  Mobile-X                assigned   yes
            network profile  TangoExt                assigned
            """#,
            #"""
            {
              "level": "reseller:Talk_Mail",
              "items": [
                {
                  "kind": "pbx",
                  "item": "MicrosoftTeams",
                  "source": "always",
                  "default": false
                },
                {
                  "kind": "product",
                  "item": "UCC",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-UKN-CPLUS-RATECARD",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-UKN-MX2G",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-UKN-MXBase",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-USN-MX2G",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-USN-MXBase",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "bundle",
                  "item": "BUN-USN-RATECARD",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "roaming policy",
                  "item": "PLCY_RMG_UNRESTRICTED",
                  "source": "inherited",
                  "default": false
                },
                {
                  "kind": "network profile",
                  "item": "Mobile-X",
                  "source": "assigned",
                  "default": true
                },
                {
                  "kind": "network profile",
                  "item": "TangoExt",
                  "source": "assigned",
                  "default": false
                }
              ]
            }
            """#
        ),
        (
            "user list",
            #"""
            USERNAME    NAME              EMAIL                                 ROLE                     SCOPE
            irene.wang  Irene Wang        Irene.Wang@audiocodes.com             reseller-downgraded      Talk_Mail
            liziya      Liziya Joseph     Liziya.Joseph@audiocodes.com          reseller                 Talk_Mail
            megan.it    Megan Bowen       MeganB@m365x17108666.onmicrosoft.com  customer                 Audiocodes_Trial_End_Customer
            mike        Mike Dubb         Mike.Dubb@audiocodes.com              distributor              -
            noa.fried   Noa Fried         noaf@audiocodes.com                   reseller-subs-view-only  Talk_Mail
            ran.inbar   Ran Inbar         ran.inbar@audiocodes.com              reseller                 AudioCodes_Reseller
            tughril     Tughril Muhammad  Tughril.Muhammad@audiocodes.com       multi-customer           AC_Internal
            """#,
            #"""
            [
              {
                "username": "irene.wang",
                "name": "Irene Wang",
                "email": "Irene.Wang@audiocodes.com",
                "role": "reseller-downgraded",
                "reseller": "Talk_Mail",
                "groups": []
              },
              {
                "username": "liziya",
                "name": "Liziya Joseph",
                "email": "Liziya.Joseph@audiocodes.com",
                "role": "reseller",
                "reseller": "Talk_Mail",
                "groups": []
              },
              {
                "username": "megan.it",
                "name": "Megan Bowen",
                "email": "MeganB@m365x17108666.onmicrosoft.com",
                "role": "customer",
                "reseller": "Talk_Mail",
                "groups": [
                  "Audiocodes_Trial_End_Customer"
                ]
              },
              {
                "username": "mike",
                "name": "Mike Dubb",
                "email": "Mike.Dubb@audiocodes.com",
                "role": "distributor",
                "reseller": null,
                "groups": []
              },
              {
                "username": "noa.fried",
                "name": "Noa Fried",
                "email": "noaf@audiocodes.com",
                "role": "reseller-subs-view-only",
                "reseller": "Talk_Mail",
                "groups": []
              },
              {
                "username": "ran.inbar",
                "name": "Ran Inbar",
                "email": "ran.inbar@audiocodes.com",
                "role": "reseller",
                "reseller": "AudioCodes_Reseller",
                "groups": []
              },
              {
                "username": "tughril",
                "name": "Tughril Muhammad",
                "email": "Tughril.Muhammad@audiocodes.com",
                "role": "multi-customer",
                "reseller": "AudioCodes_Reseller",
                "groups": [
                  "AC_Internal"
                ]
              }
            ]
            """#
        ),
        (
            "sims list",
            #"""
            ICCID               SIM TYPE   STATUS     RESELLER   GROUP                          SUBSCRIBER
            894453000000052371  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            894453000000085788  MXG-ET085  RETIRED    Talk_Mail  Audiocodes_Trial_End_Customer  s00001d
            894453000000085791  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            """#,
            #"""
            [
              {
                "iccid": "894453000000052371",
                "sim-type": "MXG-ET085",
                "form": "esim",
                "status": "ALLOCATED",
                "reseller": "Talk_Mail",
                "group": "Audiocodes_Trial_End_Customer",
                "subscriber": null,
                "imsi": "234500000052371",
                "activation-code-fingerprint": "sha256:22909b90d3ad7a7f102b8038991fbdd9",
                "smdp-address": "smdp.mobile-x.example",
                "retirement-reason": null
              },
              {
                "iccid": "894453000000085788",
                "sim-type": "MXG-ET085",
                "form": "esim",
                "status": "RETIRED",
                "reseller": "Talk_Mail",
                "group": "Audiocodes_Trial_End_Customer",
                "subscriber": "s00001d",
                "imsi": "234500000085788",
                "activation-code-fingerprint": "sha256:a3b802d6efe5570e28352a830dec57b0",
                "smdp-address": "smdp.mobile-x.example",
                "retirement-reason": "subscriber-terminated"
              },
              {
                "iccid": "894453000000085791",
                "sim-type": "MXG-ET085",
                "form": "esim",
                "status": "ALLOCATED",
                "reseller": "Talk_Mail",
                "group": "Audiocodes_Trial_End_Customer",
                "subscriber": null,
                "imsi": "234500000085791",
                "activation-code-fingerprint": "sha256:db01a5afde305a98d920037db1e2f175",
                "smdp-address": "smdp.mobile-x.example",
                "retirement-reason": null
              }
            ]
            """#
        ),
        (
            "sims list --status allocated",
            #"""
            ICCID               SIM TYPE   STATUS     RESELLER   GROUP                          SUBSCRIBER
            894453000000052371  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            894453000000085791  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            """#,
            #"""
            [
              {
                "iccid": "894453000000052371",
                "sim-type": "MXG-ET085",
                "form": "esim",
                "status": "ALLOCATED",
                "reseller": "Talk_Mail",
                "group": "Audiocodes_Trial_End_Customer",
                "subscriber": null,
                "imsi": "234500000052371",
                "activation-code-fingerprint": "sha256:22909b90d3ad7a7f102b8038991fbdd9",
                "smdp-address": "smdp.mobile-x.example",
                "retirement-reason": null
              },
              {
                "iccid": "894453000000085791",
                "sim-type": "MXG-ET085",
                "form": "esim",
                "status": "ALLOCATED",
                "reseller": "Talk_Mail",
                "group": "Audiocodes_Trial_End_Customer",
                "subscriber": null,
                "imsi": "234500000085791",
                "activation-code-fingerprint": "sha256:db01a5afde305a98d920037db1e2f175",
                "smdp-address": "smdp.mobile-x.example",
                "retirement-reason": null
              }
            ]
            """#
        ),
        (
            "sims show 894453000000085788",
            #"""
            FIELD            VALUE
            ICCID            894453000000085788
            SIM type         MXG-ET085
            Form             esim
            Status           RETIRED
            Reseller         Talk_Mail
            Group            Audiocodes_Trial_End_Customer
            Subscriber       s00001d
            IMSI             234500000085788
            Activation code  sha256:a3b802d6efe5570e28352a830dec57b0 (SM-DP+ smdp.mobile-x.example)
            Retired because  subscriber-terminated
            """#,
            #"""
            {
              "iccid": "894453000000085788",
              "sim-type": "MXG-ET085",
              "form": "esim",
              "status": "RETIRED",
              "reseller": "Talk_Mail",
              "group": "Audiocodes_Trial_End_Customer",
              "subscriber": "s00001d",
              "imsi": "234500000085788",
              "activation-code-fingerprint": "sha256:a3b802d6efe5570e28352a830dec57b0",
              "smdp-address": "smdp.mobile-x.example",
              "retirement-reason": "subscriber-terminated"
            }
            """#
        ),
        (
            "numbers list",
            #"""
            NUMBER       RESELLER   STATUS       SUBSCRIBER  QUARANTINED UNTIL
            18332954087  Talk_Mail  QUARANTINED  -           <time>
            18332954088  Talk_Mail  AVAILABLE    -           -
            18332954089  Talk_Mail  AVAILABLE    -           -
            """#,
            #"""
            [
              {
                "number": "18332954087",
                "reseller": "Talk_Mail",
                "status": "QUARANTINED",
                "subscriber": null,
                "quarantined-until": "<time>"
              },
              {
                "number": "18332954088",
                "reseller": "Talk_Mail",
                "status": "AVAILABLE",
                "subscriber": null,
                "quarantined-until": null
              },
              {
                "number": "18332954089",
                "reseller": "Talk_Mail",
                "status": "AVAILABLE",
                "subscriber": null,
                "quarantined-until": null
              }
            ]
            """#
        ),
        (
            "subscriber list",
            #"""
            SUBUID   NAME        NUMBER       EMAIL                                 SIM                 HOME LOCATION  STATUS
            s00001d  AdeleVance  18332954087  AdeleV@m365x17108666.onmicrosoft.com  894453000000085788  USA            TERMINATED
            """#,
            #"""
            [
              {
                "subuid": "s00001d",
                "status": "TERMINATED",
                "type": "Tango Extend",
                "home-location": "USA",
                "group": "Audiocodes_Trial_End_Customer",
                "reseller": "Talk_Mail",
                "iccid": "894453000000085788",
                "sim-type": "MXG-ET085",
                "sim-form": "esim",
                "network-profile": "Mobile-X",
                "voice": true,
                "data": true,
                "messaging": true,
                "hotspot": false,
                "pbx": "MicrosoftTeams",
                "extension": "1001",
                "business-number": null,
                "sip-user": "AdeleV",
                "pbx-username": "AdeleV",
                "name": "AdeleVance",
                "first-name": "Adele",
                "last-name": "Vance",
                "email": "AdeleV@m365x17108666.onmicrosoft.com",
                "description": null,
                "billing-id": null,
                "number": "18332954087",
                "bundle": "BUN-USN-RATECARD",
                "roaming-policy": "PLCY_RMG_UNRESTRICTED",
                "provisioned-at": "<time>",
                "terminated-at": "<time>",
                "termination-reason": "contract-ended"
              }
            ]
            """#
        ),
        (
            "subscriber list --status provisioned",
            #"""
            SUBUID  NAME  NUMBER  EMAIL  SIM  HOME LOCATION  STATUS
            """#,
            #"""
            []
            """#
        ),
        (
            "subscriber show s00001d",
            adeleSummary,
            #"""
            {
              "subuid": "s00001d",
              "status": "TERMINATED",
              "type": "Tango Extend",
              "home-location": "USA",
              "group": "Audiocodes_Trial_End_Customer",
              "reseller": "Talk_Mail",
              "iccid": "894453000000085788",
              "sim-type": "MXG-ET085",
              "sim-form": "esim",
              "network-profile": "Mobile-X",
              "voice": true,
              "data": true,
              "messaging": true,
              "hotspot": false,
              "pbx": "MicrosoftTeams",
              "extension": "1001",
              "business-number": null,
              "sip-user": "AdeleV",
              "pbx-username": "AdeleV",
              "name": "AdeleVance",
              "first-name": "Adele",
              "last-name": "Vance",
              "email": "AdeleV@m365x17108666.onmicrosoft.com",
              "description": null,
              "billing-id": null,
              "number": "18332954087",
              "bundle": "BUN-USN-RATECARD",
              "roaming-policy": "PLCY_RMG_UNRESTRICTED",
              "provisioned-at": "<time>",
              "terminated-at": "<time>",
              "termination-reason": "contract-ended"
            }
            """#
        ),
    ]
}
