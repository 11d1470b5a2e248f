from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from phoihop.accounts import access
from phoihop.accounts.models import Organization
from phoihop.accounts.tree import OrganizationTree
from phoihop.testing import PersonaTestCase


def tree_of(parents: dict[int, int | None]) -> OrganizationTree:
    children: dict[int, list[int]] = {}
    for org_id, parent_id in parents.items():
        if parent_id is not None:
            children.setdefault(parent_id, []).append(org_id)
    return OrganizationTree(
        parent_of=parents,
        status_of=dict.fromkeys(parents, Organization.Status.ACTIVE),
        children_of={k: tuple(v) for k, v in children.items()},
    )


class OrganizationTreeTests(SimpleTestCase):
    # 1 (province) > 2 (commune) > 3 (department); 4 stands alone.
    tree = tree_of({1: None, 2: 1, 3: 2, 4: None})

    def test_lineage_runs_from_the_unit_up_to_its_root(self):
        self.assertEqual(self.tree.lineage(3), [3, 2, 1])
        self.assertEqual(self.tree.lineage(4), [4])

    def test_ancestors_and_descendants(self):
        self.assertEqual(self.tree.ancestors([3, 4]), {1, 2})
        self.assertEqual(self.tree.descendants([1]), {1, 2, 3})
        self.assertEqual(self.tree.descendants([4], also={4: [2]}), {4, 2, 3})

    def test_is_within(self):
        self.assertTrue(self.tree.is_within(3, 1))
        self.assertTrue(self.tree.is_within(2, 2))
        self.assertFalse(self.tree.is_within(1, 3))
        self.assertFalse(self.tree.is_within(3, 4))

    def test_a_loop_in_the_data_ends_the_walk(self):
        looped = tree_of({1: 2, 2: 1})
        self.assertEqual(looped.lineage(1), [1, 2])
        self.assertEqual(looped.descendants([1]), {1, 2})


class OrganizationCleanTests(PersonaTestCase):
    def test_a_unit_cannot_move_under_itself_or_its_sub_unit(self):
        for parent in (self.unit_a, self.unit_a_child):
            self.unit_a.parent = parent
            with self.subTest(parent=parent.name), self.assertRaises(ValidationError):
                self.unit_a.clean()

    def test_a_unit_may_move_under_another_unit_of_its_kind_only(self):
        self.unit_a.parent = self.unit_b
        self.unit_a.clean()
        self.unit_a.parent = self.press
        with self.assertRaises(ValidationError):
            self.unit_a.clean()


class RolePredicateTests(PersonaTestCase):
    def test_editors_and_leaders_of_the_press_but_not_reporters(self):
        self.assertTrue(access.scope_for(self.chief).is_press_editor)
        self.assertFalse(access.scope_for(self.reporter).is_press_editor)
        self.assertFalse(access.scope_for(self.leader_a).is_press_editor)

    def test_a_partner_leader_manages_their_unit_and_its_sub_units_only(self):
        self.assertEqual(access.scope_for(self.leader_a).led_units, {self.unit_a.pk})
        self.assertTrue(access.user_can_manage_memberships(self.leader_a, self.unit_a_child))
        self.assertFalse(access.user_can_manage_memberships(self.leader_a, self.unit_b))
        self.assertFalse(access.user_can_manage_memberships(self.liaison_a, self.unit_a))
