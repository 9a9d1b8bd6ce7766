//! Views over a parsed plan: every task with its section path, and every
//! unit with its tasks. Plain iteration over the model, no parsing.

use std::collections::BTreeMap;

use crate::model::{Plan, Role, Section, Task};

/// A task and the sections it stands in, outermost first.
///
/// ```
/// let plan = fengong::parse("一、甲\n（一）子甲\n1.做好公开。\n市财政局\n");
/// let t = plan.tasks().next().unwrap();
/// let path: Vec<&str> = t.sections.iter().map(|s| &*s.title).collect();
/// assert_eq!(path, ["甲", "子甲"]);
/// assert_eq!(t.task.text, "做好公开。");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRef<'a> {
    /// The sections from the top level down to the one holding the task.
    pub sections: Vec<&'a Section<'a>>,
    /// The task.
    pub task: &'a Task<'a>,
}

impl<'a> TaskRef<'a> {
    /// The section directly holding the task.
    pub fn section(&self) -> Option<&'a Section<'a>> {
        self.sections.last().copied()
    }

    /// The section titles from the top down, joined by ` / `: what a ledger
    /// prints as the task's 工作事项.
    ///
    /// ```
    /// let plan = fengong::parse("一、甲\n（一）子甲\n1.做好公开。\n市财政局\n");
    /// assert_eq!(plan.tasks().next().unwrap().section_titles(), "甲 / 子甲");
    /// ```
    pub fn section_titles(&self) -> String {
        let titles: Vec<&str> = self.sections.iter().map(|s| &*s.title).filter(|t| !t.is_empty()).collect();
        titles.join(" / ")
    }

    /// The section numbers from the top down, joined by ` / ` as the titles
    /// are: `2 / 10` for the tenth sub-section of the second section (not
    /// `2.10`, which a spreadsheet or a CSV reader would take for the number
    /// 2.1); empty for a task in no section.
    ///
    /// ```
    /// let plan = fengong::parse("一、甲\n二、乙\n（一）子乙\n1.做好公开。\n市财政局\n");
    /// assert_eq!(plan.tasks().next().unwrap().section_numbers(), "2 / 1");
    /// let plan = fengong::parse("某方案\n1.做甲。（市府办负责）\n");
    /// assert_eq!(plan.tasks().next().unwrap().section_numbers(), "");
    /// ```
    pub fn section_numbers(&self) -> String {
        let numbers: Vec<String> =
            self.sections.iter().filter(|s| !is_unnamed(s)).map(|s| s.number.to_string()).collect();
        numbers.join(" / ")
    }
}

/// One task of a unit, with the unit's role in it.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitTask<'a> {
    /// The unit's role in the task.
    pub role: Role,
    /// The task, with its sections.
    pub task: TaskRef<'a>,
}

impl<'p> Plan<'p> {
    /// Every task of the plan, at any depth, in the order of the text, with
    /// its section path. A section's own tasks and its sub-sections' tasks
    /// come interleaved as they stand in the text, not the section's own first.
    ///
    /// ```
    /// let plan = fengong::parse("一、甲\n1.做甲。\n市财政局\n二、乙\n（一）子乙\n2.做乙。\n市税务局\n");
    /// let numbers: Vec<u32> = plan.tasks().map(|t| t.task.number).collect();
    /// assert_eq!(numbers, [1, 2]);
    ///
    /// // Task 2 belongs to section 一 but stands after the items of its
    /// // sub-section 1.: it comes after them, not first.
    /// let plan = fengong::parse("一、甲\n1.子项。\n（1）做甲。牵头单位：市财政局。\n（2）做丙。牵头单位：市审计局。\n2.做乙。牵头单位：市税务局。\n");
    /// let order: Vec<(String, usize)> = plan.tasks().map(|t| (t.section_titles(), t.task.line)).collect();
    /// assert_eq!(order, [("甲 / 子项".to_string(), 3), ("甲 / 子项".to_string(), 4), ("甲".to_string(), 5)]);
    /// ```
    pub fn tasks(&self) -> impl Iterator<Item = TaskRef<'_>> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        collect(&self.sections, &mut path, &mut out);
        // The tree keeps a section's own tasks apart from its sub-sections';
        // the text may interleave them (a task after a sub-section that
        // belongs to the section above it). Stable, so tasks at one place
        // keep their tree order.
        if !out.windows(2).all(|w| w[0].task.span.start <= w[1].task.span.start) {
            out.sort_by_key(|t| t.task.span.start);
        }
        out.into_iter()
    }

    /// For each unit name, its tasks with its role in each, in plan order;
    /// units sorted by name. A unit named twice in one task (as lead and as
    /// supporting) is listed with each role.
    ///
    /// ```
    /// use fengong::Role;
    /// let plan = fengong::parse("一、甲\n1.做甲。\n市府办牵头，市财政局配合\n2.做乙。\n市财政局\n");
    /// let units = plan.by_unit();
    /// let roles: Vec<(Role, u32)> = units["市财政局"].iter().map(|t| (t.role, t.task.task.number)).collect();
    /// assert_eq!(roles, [(Role::Supporting, 1), (Role::Responsible, 2)]);
    /// ```
    pub fn by_unit(&self) -> BTreeMap<&str, Vec<UnitTask<'_>>> {
        let mut map: BTreeMap<&str, Vec<UnitTask<'_>>> = BTreeMap::new();
        for t in self.tasks() {
            for (role, unit) in t.task.units() {
                map.entry(&*unit.name).or_default().push(UnitTask { role, task: t.clone() });
            }
        }
        map
    }
}

/// The section that holds tasks standing before any heading: no number, no
/// marker, no title.
fn is_unnamed(s: &Section<'_>) -> bool {
    s.number == 0 && s.marker.is_empty() && s.title.is_empty()
}

fn collect<'a>(sections: &'a [Section<'a>], path: &mut Vec<&'a Section<'a>>, out: &mut Vec<TaskRef<'a>>) {
    for s in sections {
        path.push(s);
        for t in &s.tasks {
            out.push(TaskRef { sections: path.clone(), task: t });
        }
        collect(&s.sections, path, out);
        path.pop();
    }
}
