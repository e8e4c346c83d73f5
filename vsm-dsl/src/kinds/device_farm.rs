//! `device_farm`: the app from the input artifact tested on a pool of real devices by AWS
//! Device Farm.

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, Form};
use crate::kit::{choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::{ActionType, Category, Stream};
use crate::model::{Number, Text};

choice! {
    /// The platform of the app under test.
    pub enum AppType {
        /// An Android app (`.apk`).
        #[default]
        Android = "Android",
        /// An iOS app (`.ipa`).
        Ios = "iOS",
        /// A web app, tested in the devices' browsers.
        Web = "Web",
    }
}

choice! {
    /// The test framework, as the action takes it (Device Farm's other types are not run by
    /// CodePipeline).
    pub enum DeviceFarmTest {
        /// Appium, Java and JUnit.
        #[default]
        AppiumJavaJunit = "APPIUM_JAVA_JUNIT",
        /// Appium, Java and TestNG.
        AppiumJavaTestng = "APPIUM_JAVA_TESTNG",
        /// Appium and Python.
        AppiumPython = "APPIUM_PYTHON",
        /// Appium, Java and JUnit, for a web app.
        AppiumWebJavaJunit = "APPIUM_WEB_JAVA_JUNIT",
        /// Appium, Java and TestNG, for a web app.
        AppiumWebJavaTestng = "APPIUM_WEB_JAVA_TESTNG",
        /// Appium and Python, for a web app.
        AppiumWebPython = "APPIUM_WEB_PYTHON",
        /// Device Farm's built-in explorer, which crawls the app.
        BuiltinExplorer = "BUILTIN_EXPLORER",
        /// Device Farm's built-in fuzz test, which sends random UI events.
        BuiltinFuzz = "BUILTIN_FUZZ",
        /// Calabash.
        Calabash = "CALABASH",
        /// Android instrumentation.
        Instrumentation = "INSTRUMENTATION",
        /// iOS UI Automation.
        Uiautomation = "UIAUTOMATION",
        /// Android UI Automator.
        Uiautomator = "UIAUTOMATOR",
        /// XCTest.
        Xctest = "XCTEST",
        /// XCTest UI.
        XctestUi = "XCTEST_UI",
    }
}

kind! {
    /// A test of the app in the input artifact on a pool of real devices by AWS Device Farm,
    /// which runs in us-west-2 (the action runs there): the project and the device pool must
    /// already exist.
    #[kind(device_farm, step)]
    pub struct DeviceFarm {
        required {
            /// The Device Farm project's id (the last part of its ARN).
            project: Text,
            /// The platform of the app.
            app_type: AppType,
            /// The device pool's ARN.
            device_pool: Text,
            /// The test framework.
            test_type: DeviceFarmTest,
        }
        optional {
            /// The app's path in the input artifact (an Android or iOS app).
            app: Option<Text>,
            /// The test package's path in the input artifact (not for the built-in tests).
            test: Option<Text>,
            /// The Appium version; the action uses Device Farm's default whatever is given.
            appium_version: Option<Text>,
            /// Record a video of the test.
            record_video: Option<bool>,
            /// Record CPU, frame rate and memory use.
            record_app_performance_data: Option<bool>,
            /// Turn Bluetooth on first.
            radio_bluetooth: Option<bool>,
            /// Turn Wi-Fi on first.
            radio_wifi: Option<bool>,
            /// Turn NFC on first.
            radio_nfc: Option<bool>,
            /// Turn GPS on first.
            radio_gps: Option<bool>,
            /// Only the account's unmetered devices.
            unmetered_devices_only: Option<bool>,
            /// Built-in fuzz test: the UI events to send (1–10,000).
            fuzz_event_count: Option<Number>,
            /// Built-in fuzz test: milliseconds between events (1–1,000).
            fuzz_event_throttle: Option<Number>,
            /// Built-in fuzz test: the seed of its random events.
            fuzz_randomizer_seed: Option<Number>,
            /// Where on the host the test's custom artifacts are kept.
            custom_host_machine_artifacts: Option<Text>,
            /// Where on the device the test's custom artifacts are kept.
            custom_device_artifacts: Option<Text>,
            /// Minutes a run may take on each device.
            job_timeout_minutes: Option<Number>,
            /// The devices' latitude, in degrees (−90 to 90), with `longitude`.
            latitude: Option<Text>,
            /// The devices' longitude, in degrees (−180 to 180), with `latitude`.
            longitude: Option<Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_41 = compile("CP-CONF-41", "Device Farm test: a project id and a device pool ARN; an app for Android and iOS, web tests for a web app; a test package except for the built-in tests; fuzz settings only for the fuzz test, within 1–10,000 events and 1–1,000 ms; a latitude and a longitude together, in range");
}

/// A device pool's ARN: the account is empty for Device Farm's curated pools.
fn is_device_pool(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", partition, "devicefarm", region, account, rest]
        if partition.starts_with("aws")
            && !region.is_empty()
            && account.len() <= 12
            && account.bytes().all(|b| b.is_ascii_digit())
            && rest.strip_prefix("devicepool:").is_some_and(|id| !id.is_empty()))
}

/// A decimal number of degrees within `most` either way.
fn degrees(text: &str, most: f64) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && text.parse::<f64>().is_ok_and(|v| v.abs() <= most)
}

/// The values the configuration names (CP-CONF-41).
const SHAPES: &[(&str, Shape)] = &[
    (
        "project",
        Shape {
            rule: CP_CONF_41,
            what: "project id",
            min: 1,
            max: 128,
            chars: Some(Chars {
                allowed: |c| c.is_ascii_alphanumeric() || c == '-',
                class: "A-Za-z0-9-",
                words: "letters, digits and '-'",
            }),
            form: None,
        },
    ),
    (
        "device_pool",
        Shape {
            rule: CP_CONF_41,
            what: "device pool ARN",
            min: 1,
            max: 1011,
            chars: None,
            form: Some(Form {
                pattern: r"arn:aws[^:]*:devicefarm:[^:]+:[0-9]{0,12}:devicepool:[\s\S]+",
                accepts: is_device_pool,
                computed_only: false,
            }),
        },
    ),
];

impl DeviceFarm {
    fn web_test(&self) -> bool {
        matches!(
            self.test_type,
            DeviceFarmTest::AppiumWebJavaJunit
                | DeviceFarmTest::AppiumWebJavaTestng
                | DeviceFarmTest::AppiumWebPython
        )
    }

    fn builtin(&self) -> bool {
        matches!(
            self.test_type,
            DeviceFarmTest::BuiltinExplorer | DeviceFarmTest::BuiltinFuzz
        )
    }
}

impl Kind for DeviceFarm {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Test, "DeviceFarm")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-09",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("AppType"),
        required("ProjectId"),
        optional("App"),
        optional("AppiumVersion"),
        required("DevicePoolArn"),
        required("TestType"),
        optional("RadioBluetoothEnabled"),
        optional("RecordAppPerformanceData"),
        optional("RecordVideo"),
        optional("RadioWifiEnabled"),
        optional("RadioNfcEnabled"),
        optional("RadioGpsEnabled"),
        optional("Test"),
        optional("FuzzEventCount"),
        optional("FuzzEventThrottle"),
        optional("FuzzRandomizerSeed"),
        optional("CustomHostMachineArtifacts"),
        optional("CustomDeviceArtifacts"),
        optional("UnmeteredDevicesOnly"),
        optional("JobTimeoutMinutes"),
        optional("Latitude"),
        optional("Longitude"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::owned(
                "AppType",
                Some("app_type"),
                self.app_type.as_str().to_owned(),
            ),
            Entry::of("ProjectId", "project", &self.project),
        ];
        out.extend(Entry::of_opt("App", "app", &self.app));
        out.extend(Entry::of_opt(
            "AppiumVersion",
            "appium_version",
            &self.appium_version,
        ));
        out.push(Entry::of("DevicePoolArn", "device_pool", &self.device_pool));
        out.push(Entry::owned(
            "TestType",
            Some("test_type"),
            self.test_type.as_str().to_owned(),
        ));
        for (key, prop, value) in [
            (
                "RadioBluetoothEnabled",
                "radio_bluetooth",
                self.radio_bluetooth,
            ),
            (
                "RecordAppPerformanceData",
                "record_app_performance_data",
                self.record_app_performance_data,
            ),
            ("RecordVideo", "record_video", self.record_video),
            ("RadioWifiEnabled", "radio_wifi", self.radio_wifi),
            ("RadioNfcEnabled", "radio_nfc", self.radio_nfc),
            ("RadioGpsEnabled", "radio_gps", self.radio_gps),
        ] {
            out.extend(Entry::flag(key, prop, value));
        }
        out.extend(Entry::of_opt("Test", "test", &self.test));
        for (key, prop, value) in [
            ("FuzzEventCount", "fuzz_event_count", &self.fuzz_event_count),
            (
                "FuzzEventThrottle",
                "fuzz_event_throttle",
                &self.fuzz_event_throttle,
            ),
            (
                "FuzzRandomizerSeed",
                "fuzz_randomizer_seed",
                &self.fuzz_randomizer_seed,
            ),
        ] {
            out.extend(value.as_ref().map(|v| Entry::number(key, prop, v)));
        }
        out.extend(Entry::of_opt(
            "CustomHostMachineArtifacts",
            "custom_host_machine_artifacts",
            &self.custom_host_machine_artifacts,
        ));
        out.extend(Entry::of_opt(
            "CustomDeviceArtifacts",
            "custom_device_artifacts",
            &self.custom_device_artifacts,
        ));
        out.extend(Entry::flag(
            "UnmeteredDevicesOnly",
            "unmetered_devices_only",
            self.unmetered_devices_only,
        ));
        out.extend(
            self.job_timeout_minutes
                .as_ref()
                .map(|v| Entry::number("JobTimeoutMinutes", "job_timeout_minutes", v)),
        );
        out.extend(Entry::of_opt("Latitude", "latitude", &self.latitude));
        out.extend(Entry::of_opt("Longitude", "longitude", &self.longitude));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let mut report = |prop: &'static str, message: String, hint: String| {
            out.push(Violation::error(
                CP_CONF_41,
                at.loc(Field::Prop(prop)),
                message,
                hint,
            ));
        };
        for (prop, shape) in SHAPES {
            let value = if *prop == "project" {
                &self.project
            } else {
                &self.device_pool
            };
            if let Some(problem) = value.as_str().and_then(|v| shape.problem(v)) {
                report(
                    prop,
                    format!(
                        "{} {} {problem}",
                        shape.what,
                        quote(value.as_str().unwrap_or_default())
                    ),
                    shape.hint(),
                );
            }
        }
        let web = self.app_type == AppType::Web;
        if web != self.web_test() {
            report(
                "test_type",
                format!(
                    "{} tests a{} app, but the app type is {}",
                    self.test_type.as_str(),
                    if self.web_test() { " web" } else { " mobile" },
                    self.app_type.as_str()
                ),
                "use an APPIUM_WEB_* test for a web app, and another test for a mobile one"
                    .to_owned(),
            );
        }
        if !web && self.app.is_none() {
            report(
                "app",
                format!("a {} test needs the app", self.app_type.as_str()),
                "give the app's path in the input artifact".to_owned(),
            );
        }
        if !self.builtin() && self.test.is_none() {
            report(
                "test",
                format!("a {} test needs its test package", self.test_type.as_str()),
                "give the test package's path in the input artifact".to_owned(),
            );
        }
        let fuzz = self.test_type == DeviceFarmTest::BuiltinFuzz;
        for (prop, value, most) in [
            ("fuzz_event_count", &self.fuzz_event_count, Some(10_000)),
            (
                "fuzz_event_throttle",
                &self.fuzz_event_throttle,
                Some(1_000),
            ),
            ("fuzz_randomizer_seed", &self.fuzz_randomizer_seed, None),
        ] {
            let Some(value) = value else { continue };
            if !fuzz {
                report(
                    prop,
                    format!("`{prop}` is a setting of the built-in fuzz test"),
                    format!("drop `{prop}`, or use BUILTIN_FUZZ"),
                );
            } else if let (Some(n), Some(most)) = (value.literal(), most) {
                if !(1..=most).contains(n) {
                    report(
                        prop,
                        format!("{prop} {n} is outside 1–{most}"),
                        format!("give a whole number from 1 to {most}"),
                    );
                }
            }
        }
        if self.job_timeout_minutes.as_ref().and_then(|v| v.literal()) == Some(&0) {
            report(
                "job_timeout_minutes",
                "a job timeout of 0 minutes ends every run".to_owned(),
                "give at least 1 minute".to_owned(),
            );
        }
        match (&self.latitude, &self.longitude) {
            (Some(_), None) | (None, Some(_)) => report(
                if self.latitude.is_some() {
                    "latitude"
                } else {
                    "longitude"
                },
                "a location needs its latitude and its longitude".to_owned(),
                "give both, or neither".to_owned(),
            ),
            _ => {}
        }
        for (prop, value, most) in [
            ("latitude", &self.latitude, 90.0),
            ("longitude", &self.longitude, 180.0),
        ] {
            if let Some(v) = value.as_ref().and_then(Text::as_str) {
                if !degrees(v, most) {
                    report(
                        prop,
                        format!(
                            "{prop} {} is not a number of degrees from −{most} to {most}",
                            quote(v)
                        ),
                        "write decimal degrees, such as 47.6062".to_owned(),
                    );
                }
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        let project = [Part::Lit("project:"), Part::Val(&self.project)];
        let g = cx.grants();
        g.allow(
            "RunDeviceTests",
            &[
                "devicefarm:CreateUpload",
                "devicefarm:ListDevicePools",
                "devicefarm:ListProjects",
                "devicefarm:ScheduleRun",
            ],
            arn::regional_of("devicefarm", &project),
        );
        g.allow(
            "RunDeviceTests",
            &["devicefarm:ScheduleRun"],
            self.device_pool.to_expr(),
        );
        for (what, action) in [
            ("upload:", "devicefarm:GetUpload"),
            ("upload:", "devicefarm:ScheduleRun"),
            ("run:", "devicefarm:GetRun"),
        ] {
            g.allow(
                "RunDeviceTests",
                &[action],
                arn::regional_of(
                    "devicefarm",
                    &[Part::Lit(what), Part::Val(&self.project), Part::Lit("/*")],
                ),
            );
        }
    }
}
