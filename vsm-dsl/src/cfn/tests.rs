use serde_json::{json, Value};

use super::*;

/// A template with every section, attribute and several function forms.
fn every_section() -> Value {
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "all of it",
        "Metadata": {"AWS::CloudFormation::Interface": {"ParameterGroups": []}},
        "Parameters": {
            "Env": {"Type": "String", "AllowedValues": ["dev", "prod"], "Default": "dev", "NoEcho": "true"},
            "Empty": {"Type": "String", "Default": null},
            "Sizes": {"Type": "CommaDelimitedList", "MinLength": 1, "Custom": {"x": 1}}
        },
        "Rules": {"ProdOnly": {"RuleCondition": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            "Assertions": [{"Assert": {"Fn::Contains": [["a"], {"Ref": "Env"}]}, "AssertDescription": "d"}]}},
        "Mappings": {"Regions": {"eu-west-1": {"Ami": "ami-1", "Zones": ["a", "b"], "Count": 2}}},
        "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
            "Fn::ForEach::Envs": ["E", ["a", "b"], {"Is${E}": {"Fn::Equals": [{"Ref": "Env"}, "${E}"]}}]
        },
        "Transform": ["AWS::LanguageExtensions", {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}],
        "Resources": {
            "Topic": {"Type": "AWS::SNS::Topic", "Condition": "IsProd", "DependsOn": "Queue",
                      "DeletionPolicy": {"Fn::If": ["IsProd", "Retain", "Delete"]}, "UpdateReplacePolicy": "Retain",
                      "Metadata": {"x": 1}, "Version": "1.0"},
            "Queue": {"Type": "AWS::SQS::Queue", "DependsOn": ["Wait"],
                      "Properties": {"QueueName": {"Fn::Sub": ["${Env}-q", {"Env": {"Ref": "Env"}}]},
                                     "DelaySeconds": {"Fn::FindInMap": ["Regions", {"Ref": "AWS::Region"}, "Count", {"DefaultValue": 0}]}},
                      "CreationPolicy": {"ResourceSignal": {"Timeout": "PT5M"}},
                      "UpdatePolicy": {"AutoScalingReplacingUpdate": {"WillReplace": true}}},
            "Wait": {"Type": "AWS::CloudFormation::WaitConditionHandle"},
            "Fn::ForEach::Topics": ["Name", {"Ref": "Sizes"}, {"Topic${Name}": {"Type": "AWS::SNS::Topic"}}]
        },
        "Outputs": {
            "Arn": {"Value": {"Fn::GetAtt": "Queue.Arn"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-arn"}},
                    "Condition": "IsProd", "Description": "d"},
            "Fn::ForEach::Out": ["N", ["a"], {"O${N}": {"Value": "${N}"}}]
        },
        "Hooks": {"CodeDeployBlueGreenHook": {"Type": "AWS::CodeDeploy::BlueGreen"}}
    })
}

#[test]
fn every_section_reads_typed_and_writes_back_unchanged() {
    let value = every_section();
    let t: Template = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(t.to_value(), value);
    assert_eq!(t.parameters["Env"].default, Some(json!("dev")));
    assert_eq!(t.parameters["Empty"].default, Some(Value::Null));
    assert_eq!(t.parameters["Sizes"].extra["Custom"], json!({"x": 1}));
    assert!(t.rules["ProdOnly"].assertions.as_ref().unwrap()[0]
        .assert
        .is_intrinsic());
    assert_eq!(
        t.mappings["Regions"]["eu-west-1"]["Ami"],
        Expr::str("ami-1")
    );
    assert!(matches!(&t.conditions["NotProd"], Expr::Fn(f) if matches!(**f, Intrinsic::Not(_))));
    assert_eq!(t.transforms(), ["AWS::LanguageExtensions", "AWS::Include"]);
    let topic = &t.resources["Topic"];
    assert_eq!(topic.type_name(), "AWS::SNS::Topic");
    assert_eq!(topic.condition.as_deref(), Some("IsProd"));
    assert_eq!(topic.depends_on.as_ref().unwrap().names(), ["Queue"]);
    assert!(topic.deletion_policy.as_ref().unwrap().is_intrinsic());
    assert_eq!(topic.extra["Version"], json!("1.0"));
    assert!(matches!(
        t.resources["Wait"].properties,
        Properties::Other {
            properties: None,
            ..
        }
    ));
    assert_eq!(t.loops.resources["Fn::ForEach::Topics"].identifier, "Name");
    assert_eq!(t.loops.conditions.len(), 1);
    assert_eq!(t.loops.outputs.len(), 1);
    let arn = &t.outputs["Arn"];
    assert!(matches!(&arn.value, Expr::Fn(f) if matches!(**f, Intrinsic::GetAttDotted(..))));
    assert!(arn.export.as_ref().unwrap().name.is_intrinsic());
    assert!(t.other_sections.contains_key("Hooks"));
}

#[test]
fn yaml_short_forms_read_as_the_long_json_form() {
    let yaml = "\
AWSTemplateFormatVersion: 2010-09-09
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Parameters:
  Env: {Type: String}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties:
      QueueName: !Sub '${Env}-q'
      Tags:
        - Key: arn
          Value: !GetAtt Topic.TopicArn
        - Key: az
          Value: !Select [0, !GetAZs '']
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  Url:
    Value: !If [IsProd, !Ref Queue, !Ref AWS::NoValue]
";
    let doc = Document::parse(yaml).unwrap();
    assert_eq!(doc.format, Format::Yaml);
    assert_eq!(doc.template.to_value(), doc.source.to_value());
    assert_eq!(
        doc.template.to_value()["Resources"]["Queue"]["Properties"]["Tags"][0]["Value"],
        json!({"Fn::GetAtt": ["Topic", "TopicArn"]})
    );
    assert_eq!(doc.template.format_version.as_deref(), Some("2010-09-09"));
    let pos = doc
        .position("Resources/Queue/Properties/Tags/1/Value/Fn::Select/0")
        .unwrap();
    assert_eq!(pos.to_string(), "16:27");
    let json_text = doc.template.to_json_pretty();
    let again = Document::parse(&json_text).unwrap();
    assert_eq!(again.format, Format::Json);
    assert_eq!(again.template, doc.template);
}

#[test]
fn known_types_are_typed_only_when_they_fit_exactly() {
    let group = |props: Value| {
        let t: Template = serde_json::from_value(json!({"Resources": {"G": {
            "Type": "AWS::Logs::LogGroup", "Properties": props}}}))
        .unwrap();
        t.resources["G"].properties.clone()
    };
    assert!(matches!(
        group(json!({"RetentionInDays": 30})),
        Properties::LogGroup(LogGroup {
            retention_in_days: 30,
            kms_key_id: None
        })
    ));
    for props in [
        json!({"RetentionInDays": {"Ref": "Days"}}),
        json!({"RetentionInDays": 30, "LogGroupName": "x"}),
        json!({"RetentionInDays": 30, "KmsKeyId": null}),
        json!({"RetentionInDays": "30"}),
        json!(null),
    ] {
        let p = group(props.clone());
        assert!(
            matches!(&p, Properties::Other { type_name, .. } if type_name == "AWS::Logs::LogGroup"),
            "{props}"
        );
        assert_eq!(p.to_value(), Some(props));
    }
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let text = r#"{
  "Parameters": {"A": {"Default": 1}, "B": {"Type": "String", "Description": 5}},
  "Resources": {
    "R": {"Properties": {}},
    "S": {"Type": "AWS::SNS::Topic", "DependsOn": 3},
    "T": []
  },
  "Outputs": {"O": {"Description": "no value"}},
  "Transform": 1,
  "Conditions": {"Fn::ForEach::X": "bad"}
}"#;
    let errors = Document::parse(text).unwrap_err();
    let lines: Vec<String> = errors.0.iter().map(ReadError::to_string).collect();
    assert_eq!(
        lines,
        [
            "2:23: Parameters/A: missing field `Type`",
            "2:78: Parameters/B/Description: invalid type: integer `5`, expected a string",
            "4:10: Resources/R: the resource has no Type",
            "5:51: Resources/S/DependsOn: expected a logical id or a list of logical ids",
            "6:10: Resources/T: a resource is a mapping with Type and Properties",
            "8:20: Outputs/O: missing field `Value`",
            "9:16: Transform: expected a macro name, {Name, Parameters} or a list of them: invalid type: integer `1`, expected struct MacroCall",
            "10:36: Conditions/Fn::ForEach::X: expected [identifier, collection, {key: fragment}]: invalid type: string \"bad\", expected a tuple of size 3",
        ]
    );
    for (text, message) in [
        ("[]", "1:1: a template is a mapping of sections"),
        (
            "{\"Outputs\": {}}",
            "1:1: the template has no Resources section",
        ),
        ("a: [", "1:4: not valid YAML: unclosed bracket"),
    ] {
        let e = Document::parse(text).unwrap_err().to_string();
        assert!(e.starts_with(message), "{text}: {e}");
    }
}

#[test]
fn empty_and_repeated_sections_write_back_as_read() {
    let value = json!({"Parameters": {}, "Resources": {}, "Outputs": {}, "Conditions": {}});
    let t: Template = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(t.to_value(), value);
    let t: Template = "{\"Resources\": {\"A\": {\"Type\": \"X\"}}, \"Resources\": {}}"
        .parse()
        .unwrap();
    assert!(t.resources.is_empty());
    assert_eq!(t.to_value(), json!({"Resources": {}}));
}
