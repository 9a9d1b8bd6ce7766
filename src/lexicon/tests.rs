use super::*;

#[test]
fn labels() {
    assert_eq!(label_kind("牵头单位"), Some(LabelKind::Units(Some(Role::Lead))));
    assert_eq!(label_kind("配合单位"), Some(LabelKind::Units(Some(Role::Supporting))));
    assert_eq!(label_kind("协同责任单位"), Some(LabelKind::Units(Some(Role::Supporting))));
    assert_eq!(label_kind("牵头责任单位"), Some(LabelKind::Units(Some(Role::Lead))));
    assert_eq!(label_kind("责任单位"), Some(LabelKind::Units(Some(Role::Responsible))));
    assert_eq!(label_kind("部门分工"), Some(LabelKind::Units(None)));
    assert_eq!(label_kind("会办单位"), Some(LabelKind::Units(Some(Role::Supporting))));
    assert_eq!(label_kind("牵头负责领导"), Some(LabelKind::Leaders));
    assert_eq!(label_kind("分管省领导"), Some(LabelKind::Leaders));
    assert_eq!(label_kind("时限要求"), Some(LabelKind::Deadline));
    assert_eq!(label_kind("主要目标"), None);
    assert_eq!(label_kind("各有关单位"), None);
    assert_eq!(label_kind("责任部门"), Some(LabelKind::Units(Some(Role::Responsible))));
}

#[test]
fn columns() {
    assert_eq!(column_kind("牵头及责任单位"), Some(ColumnKind::Units(None)));
    assert_eq!(column_kind("配合/责任单位"), Some(ColumnKind::Units(Some(Role::Responsible))));
    assert_eq!(column_kind("牵头单位"), Some(ColumnKind::Units(Some(Role::Lead))));
    assert_eq!(column_kind("具体任务"), Some(ColumnKind::Task));
    assert_eq!(column_kind("工作事项"), Some(ColumnKind::Section));
    assert_eq!(column_kind("完成时限"), Some(ColumnKind::Deadline));
    assert_eq!(column_kind("责任科室"), Some(ColumnKind::Units(Some(Role::Responsible))));
}

#[test]
fn distributive_heads() {
    assert!(is_distributive_head("各区"));
    assert!(is_distributive_head("各有关区"));
    assert!(is_distributive_head("各县"));
    assert!(!is_distributive_head("各部门"));
    assert!(is_level_item("县级市"));
    assert!(is_level_item("区政府"));
    assert!(!is_level_item("区市场局"));
}
