use super::report::{json, sarif, text, FileReport};
use super::*;

const BROKEN: &str = "\
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Both: !And [!Condition IsProd, !Condition IsTest]
Mappings:
  Regions:
    eu-west-1: {Ami: ami-1}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProdd
    DependsOn: [Topic, Queue]
    Metadata: {Ref: NotChecked}
    Properties:
      BucketName: !Sub '${Env}-${Envv}-${AWS::Region}-${!Literal}-${Topic.TopicName}-${Nope.Arn}'
      Tags:
        - Key: a
          Value: !Ref Enviroment
        - Key: b
          Value: !GetAtt Missing.Arn
        - Key: c
          Value: !If [NoSuchCondition, x, y]
        - Key: d
          Value: !FindInMap [Region, eu-west-1, Ami]
        - Key: e
          Value: !FindInMap [Regions, us-east-1, Ami]
        - Key: f
          Value: !FindInMap [Regions, eu-west-1, Ami, {DefaultValue: x}]
        - Key: g
          Value: !Sub ['${Own}-${Other}', {Own: !Ref Topic}]
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  Arn:
    Condition: IsTest
    Value: !GetAtt [Topic, !Ref Attribute]
";

#[test]
fn every_missing_name_is_found_where_it_is_written() {
    let findings = lint_text(BROKEN).unwrap();
    let got: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
    let expected = [
        "5:45: CFN-TPL-10 no condition IsTest (declare it under Conditions)",
        "12:16: CFN-TPL-10 no condition IsProdd (did you mean IsProd? otherwise declare it under Conditions)",
        "13:24: CFN-TPL-11 DependsOn Queue: no resource Queue (name a resource of this template)",
        "16:24: CFN-TPL-10 Fn::Sub ${Envv}: no parameter or resource Envv (did you mean Env? otherwise declare it, or write ${!Literal} for literal text)",
        "16:24: CFN-TPL-10 Fn::Sub ${Nope.Arn}: no resource Nope (declare it, or write ${!Literal} for literal text)",
        "19:23: CFN-TPL-10 Ref Enviroment: no parameter or resource Enviroment (declare a parameter or resource of that name)",
        "21:26: CFN-TPL-10 Fn::GetAtt Missing: no resource Missing (name a resource of this template)",
        "23:23: CFN-TPL-10 no condition NoSuchCondition (declare it under Conditions)",
        "25:30: CFN-TPL-10 Fn::FindInMap: no mapping Region (did you mean Regions? otherwise declare it under Mappings)",
        "27:39: CFN-TPL-10 Fn::FindInMap: mapping Regions has no key us-east-1 (use a key of the mapping, or give a DefaultValue)",
        "31:24: CFN-TPL-10 Fn::Sub ${Other}: no parameter or resource Other (declare it, or write ${!Literal} for literal text)",
        "36:16: CFN-TPL-10 no condition IsTest (declare it under Conditions)",
        "37:33: CFN-TPL-10 Ref Attribute: no parameter or resource Attribute (declare a parameter or resource of that name)",
    ];
    assert_eq!(got, expected);
    let tag = &findings[5];
    assert_eq!(tag.path, "Resources/Bucket/Properties/Tags/0/Value/Ref");
    assert_eq!(findings[2].path, "Resources/Bucket/DependsOn/1");
}

#[test]
fn computed_names_and_transformed_templates_are_not_reported() {
    let computed = "\
Parameters:
  MapName: {Type: String}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !FindInMap [!Ref MapName, a, b]
      Other: !Sub ['${A}', {A: !ImportValue Shared}]
      Ref: [not, a, function]
";
    assert!(lint_text(computed).unwrap().is_empty());
    let sam = "\
Transform: AWS::Serverless-2016-10-31
Resources:
  Function:
    Type: AWS::Serverless::Function
Outputs:
  Role:
    Value: !GetAtt FunctionRole.Arn
";
    assert!(lint_text(sam).unwrap().is_empty());
}

#[test]
fn reports_render_as_text_json_and_sarif() {
    let reports = [
        FileReport {
            file: "a.yaml".into(),
            findings: lint_text(BROKEN).unwrap(),
        },
        FileReport {
            file: "b.json".into(),
            findings: Vec::new(),
        },
    ];
    let t = text(&reports);
    assert!(
        t.starts_with("a.yaml:5:45: CFN-TPL-10 no condition IsTest"),
        "{t}"
    );
    assert_eq!(t.lines().count(), 13);
    let j = json(&reports);
    assert_eq!(j["errors"], 13);
    assert_eq!(j["files"], serde_json::json!(["a.yaml", "b.json"]));
    assert_eq!(j["findings"][1]["line"], 12);
    let s = sarif(&reports);
    let run = &s["runs"][0];
    assert_eq!(s["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 2);
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "CFN-TPL-10");
    assert_eq!(first["ruleIndex"], 0);
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(5), Some(45))
    );
    let ids: std::collections::BTreeSet<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["vsmFinding/v1"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 13, "fingerprints are distinct");
}
