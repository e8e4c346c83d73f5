//! Phase 4, code generation: a proven [`Stream`] becomes the Rust expression that builds it,
//! `::vsm::ValueStream::from_proven(::vsm::model::Stream { ... })`.
//!
//! The expression is generated from the lowered model, not from the syntax, so what runs is
//! exactly what the rules checked.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::time::Duration;
use vsm_dsl::model::{
    Action, ActionKind, Buildspec, Capability, Category, CfnActionMode, CodeBuildCategory,
    ComputeType, ExecutionMode, GitProvider, Owner, PipelineType, PullRequestEvent, RoleSource,
    Settings, Stage, Stream,
};

/// The expression for a stream that passed every compile-time rule.
pub fn stream(s: &Stream) -> TokenStream {
    let name = string(&s.name);
    let settings = settings(&s.settings);
    let stages = vec_of(s.stages.iter().map(stage));
    quote! {
        {
            #[allow(unused_imports)]
            use ::vsm::model as __vsm;
            ::vsm::ValueStream::from_proven(__vsm::Stream {
                name: #name,
                settings: #settings,
                stages: #stages,
            })
        }
    }
}

fn string(s: &str) -> TokenStream {
    let lit = Literal::string(s);
    quote!(::std::string::String::from(#lit))
}

fn opt_string(s: &Option<String>) -> TokenStream {
    match s {
        Some(s) => {
            let s = string(s);
            quote!(::core::option::Option::Some(#s))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn strings(list: &[String]) -> TokenStream {
    vec_of(list.iter().map(|s| string(s)))
}

fn vec_of(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let items: Vec<TokenStream> = items.collect();
    if items.is_empty() {
        quote!(::std::vec::Vec::new())
    } else {
        quote!(::std::vec::Vec::from([#(#items),*]))
    }
}

fn duration(d: &Option<Duration>) -> TokenStream {
    match d {
        Some(d) => {
            let secs = Literal::u64_suffixed(d.as_secs());
            let nanos = Literal::u32_suffixed(d.subsec_nanos());
            quote!(::core::option::Option::Some(::core::time::Duration::new(#secs, #nanos)))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn float(v: f64) -> TokenStream {
    if !v.is_finite() {
        return quote!(0.0f64);
    }
    let lit = Literal::f64_suffixed(v.abs());
    if v.is_sign_negative() {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

fn settings(s: &Settings) -> TokenStream {
    if s.is_default() {
        return quote!(::core::default::Default::default());
    }
    let pipeline_type = match s.pipeline_type {
        PipelineType::V1 => quote!(__vsm::PipelineType::V1),
        PipelineType::V2 => quote!(__vsm::PipelineType::V2),
    };
    let execution_mode = match s.execution_mode {
        Some(m) => {
            let m = match m {
                ExecutionMode::Superseded => quote!(Superseded),
                ExecutionMode::Queued => quote!(Queued),
                ExecutionMode::Parallel => quote!(Parallel),
            };
            quote!(::core::option::Option::Some(__vsm::ExecutionMode::#m))
        }
        None => quote!(::core::option::Option::None),
    };
    let variables = vec_of(s.variables.iter().map(|v| {
        let name = string(&v.name);
        let default = opt_string(&v.default);
        let description = opt_string(&v.description);
        quote!(__vsm::Variable { name: #name, default: #default, description: #description })
    }));
    let tags = vec_of(s.tags.iter().map(|t| {
        let key = string(&t.key);
        let value = string(&t.value);
        quote!(__vsm::Tag { key: #key, value: #value })
    }));
    let triggers = vec_of(s.triggers.iter().map(|t| {
        let source = string(&t.source_action);
        let push = vec_of(t.push.iter().map(|p| {
            let [a, b, c, d, e, f] = [
                &p.branches,
                &p.branches_excluded,
                &p.tags,
                &p.tags_excluded,
                &p.file_paths,
                &p.file_paths_excluded,
            ]
            .map(|l| strings(l));
            quote!(__vsm::PushFilter {
                branches: #a, branches_excluded: #b, tags: #c, tags_excluded: #d,
                file_paths: #e, file_paths_excluded: #f,
            })
        }));
        let pull_request = vec_of(t.pull_request.iter().map(|p| {
            let events = vec_of(p.events.iter().map(|e| match e {
                PullRequestEvent::Open => quote!(__vsm::PullRequestEvent::Open),
                PullRequestEvent::Updated => quote!(__vsm::PullRequestEvent::Updated),
                PullRequestEvent::Closed => quote!(__vsm::PullRequestEvent::Closed),
            }));
            let [a, b, c, d] = [
                &p.branches,
                &p.branches_excluded,
                &p.file_paths,
                &p.file_paths_excluded,
            ]
            .map(|l| strings(l));
            quote!(__vsm::PullRequestFilter {
                events: #events, branches: #a, branches_excluded: #b,
                file_paths: #c, file_paths_excluded: #d,
            })
        }));
        quote!(__vsm::Trigger { source_action: #source, push: #push, pull_request: #pull_request })
    }));
    quote! {
        __vsm::Settings {
            pipeline_type: #pipeline_type,
            execution_mode: #execution_mode,
            variables: #variables,
            triggers: #triggers,
            tags: #tags,
        }
    }
}

fn stage(s: &Stage) -> TokenStream {
    let name = string(&s.name);
    let actions = vec_of(s.actions.iter().map(action));
    quote!(__vsm::Stage { name: #name, actions: #actions })
}

fn action(a: &Action) -> TokenStream {
    let name = string(&a.name);
    let run_order = Literal::u32_suffixed(a.run_order);
    let kind = kind(&a.kind);
    let inputs = strings(&a.inputs);
    let outputs = strings(&a.outputs);
    let namespace = opt_string(&a.namespace);
    let process = duration(&a.annotations.process_time);
    let wait = duration(&a.annotations.wait_time);
    let ca = match a.annotations.complete_accurate {
        Some(v) => {
            let v = float(v);
            quote!(::core::option::Option::Some(#v))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        __vsm::Action {
            name: #name,
            run_order: #run_order,
            kind: #kind,
            inputs: #inputs,
            outputs: #outputs,
            namespace: #namespace,
            annotations: __vsm::Annotations {
                process_time: #process,
                wait_time: #wait,
                complete_accurate: #ca,
            },
        }
    }
}

fn kind(k: &ActionKind) -> TokenStream {
    match k {
        ActionKind::Connection(c) => {
            let provider = match c.provider {
                GitProvider::GitHub => quote!(GitHub),
                GitProvider::GitHubEnterprise => quote!(GitHubEnterprise),
                GitProvider::GitLab => quote!(GitLab),
                GitProvider::Bitbucket => quote!(Bitbucket),
            };
            let repository = string(&c.repository);
            let branch = string(&c.branch);
            let parameter = opt_string(&c.connection_parameter);
            let full_clone = c.full_clone;
            quote!(__vsm::ActionKind::Connection(__vsm::ConnectionSource {
                provider: __vsm::GitProvider::#provider,
                repository: #repository,
                branch: #branch,
                connection_parameter: #parameter,
                full_clone: #full_clone,
            }))
        }
        ActionKind::S3Source { bucket, key } => {
            let (bucket, key) = (string(bucket), string(key));
            quote!(__vsm::ActionKind::S3Source { bucket: #bucket, key: #key })
        }
        ActionKind::CodeCommit { repository, branch } => {
            let (repository, branch) = (string(repository), string(branch));
            quote!(__vsm::ActionKind::CodeCommit { repository: #repository, branch: #branch })
        }
        ActionKind::Ecr { repository, tag } => {
            let (repository, tag) = (string(repository), opt_string(tag));
            quote!(__vsm::ActionKind::Ecr { repository: #repository, tag: #tag })
        }
        ActionKind::Mock => quote!(__vsm::ActionKind::Mock),
        ActionKind::Approval(a) => {
            let custom_data = opt_string(&a.custom_data);
            let review_url = opt_string(&a.review_url);
            let topic = opt_string(&a.notification_topic);
            let timeout = duration(&a.timeout);
            quote!(__vsm::ActionKind::Approval(__vsm::ApprovalAction {
                custom_data: #custom_data,
                review_url: #review_url,
                notification_topic: #topic,
                timeout: #timeout,
            }))
        }
        ActionKind::CodeBuild(b) => {
            let category = match b.category {
                CodeBuildCategory::Build => quote!(Build),
                CodeBuildCategory::Test => quote!(Test),
            };
            let buildspec = match &b.buildspec {
                Buildspec::Path(p) => {
                    let p = string(p);
                    quote!(__vsm::Buildspec::Path(#p))
                }
                Buildspec::Inline(t) => {
                    let t = string(t);
                    quote!(__vsm::Buildspec::Inline(#t))
                }
            };
            let image = opt_string(&b.image);
            let compute = match b.compute_type {
                ComputeType::Small => quote!(Small),
                ComputeType::Medium => quote!(Medium),
                ComputeType::Large => quote!(Large),
            };
            let primary = opt_string(&b.primary_source);
            quote!(__vsm::ActionKind::CodeBuild(__vsm::CodeBuildAction {
                category: __vsm::CodeBuildCategory::#category,
                buildspec: #buildspec,
                image: #image,
                compute_type: __vsm::ComputeType::#compute,
                primary_source: #primary,
            }))
        }
        ActionKind::Lambda {
            function,
            user_parameters,
        } => {
            let (function, params) = (string(function), opt_string(user_parameters));
            quote!(__vsm::ActionKind::Lambda { function: #function, user_parameters: #params })
        }
        ActionKind::CloudFormation(c) => {
            let mode = match c.mode {
                CfnActionMode::CreateUpdate => quote!(CreateUpdate),
                CfnActionMode::DeleteOnly => quote!(DeleteOnly),
                CfnActionMode::ReplaceOnFailure => quote!(ReplaceOnFailure),
                CfnActionMode::ChangeSetReplace => quote!(ChangeSetReplace),
                CfnActionMode::ChangeSetExecute => quote!(ChangeSetExecute),
            };
            let stack = string(&c.stack_name);
            let template = match &c.template {
                Some(t) => {
                    let (artifact, path) = (string(&t.artifact), string(&t.path));
                    quote!(::core::option::Option::Some(__vsm::ArtifactPath { artifact: #artifact, path: #path }))
                }
                None => quote!(::core::option::Option::None),
            };
            let capabilities = vec_of(c.capabilities.iter().map(|c| match c {
                Capability::CapabilityIam => quote!(__vsm::Capability::CapabilityIam),
                Capability::CapabilityNamedIam => quote!(__vsm::Capability::CapabilityNamedIam),
                Capability::CapabilityAutoExpand => {
                    quote!(__vsm::Capability::CapabilityAutoExpand)
                }
            }));
            let role = match &c.role {
                Some(RoleSource::Arn(a)) => {
                    let a = string(a);
                    quote!(::core::option::Option::Some(__vsm::RoleSource::Arn(#a)))
                }
                Some(RoleSource::Parameter(p)) => {
                    let p = string(p);
                    quote!(::core::option::Option::Some(__vsm::RoleSource::Parameter(#p)))
                }
                None => quote!(::core::option::Option::None),
            };
            let change_set = opt_string(&c.change_set_name);
            let overrides = opt_string(&c.parameter_overrides);
            quote!(__vsm::ActionKind::CloudFormation(__vsm::CloudFormationAction {
                mode: __vsm::CfnActionMode::#mode,
                stack_name: #stack,
                template: #template,
                capabilities: #capabilities,
                role: #role,
                change_set_name: #change_set,
                parameter_overrides: #overrides,
            }))
        }
        ActionKind::Custom(c) => {
            let category = match c.category {
                Category::Source => quote!(Source),
                Category::Build => quote!(Build),
                Category::Test => quote!(Test),
                Category::Deploy => quote!(Deploy),
                Category::Invoke => quote!(Invoke),
                Category::Approval => quote!(Approval),
                Category::Compute => quote!(Compute),
            };
            let owner = match c.owner {
                Owner::Aws => quote!(Aws),
                Owner::ThirdParty => quote!(ThirdParty),
                Owner::Custom => quote!(Custom),
            };
            let provider = string(&c.provider);
            let version = string(&c.version);
            let entries: Vec<TokenStream> = c
                .configuration
                .iter()
                .map(|(k, v)| {
                    let (k, v) = (string(k), string(v));
                    quote!((#k, #v))
                })
                .collect();
            let permissions = vec_of(c.permissions.iter().map(|p| {
                let (actions, resources) = (strings(&p.actions), strings(&p.resources));
                quote!(__vsm::PolicyStatement { actions: #actions, resources: #resources })
            }));
            quote!(__vsm::ActionKind::Custom(__vsm::CustomAction {
                category: __vsm::Category::#category,
                owner: __vsm::Owner::#owner,
                provider: #provider,
                version: #version,
                configuration: ::std::collections::BTreeMap::from([#(#entries),*]),
                permissions: #permissions,
            }))
        }
    }
}
