"""The workspace index: every organization finds only what its scope allows (accounts.access)."""

import datetime as dt
from zoneinfo import ZoneInfo

from phoihop.search import services
from phoihop.search.models import WorkspaceDocument
from phoihop.search.selectors import workspace_search
from phoihop.testing import PersonaTestCase

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class WorkspaceSearchTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()

        def item(kind, object_id, organization, title, body, day):
            return services.workspace_index(
                kind=kind,
                object_id=object_id,
                organization=organization,
                title=title,
                body=body,
                url=f"/phoi-hop/{kind}/{object_id}/",
                updated_at=dt.datetime(2025, 4, day, 8, 0, tzinfo=HANOI),
            )

        item("submission", 1, cls.unit_a, "Báo cáo HĐND xã An Khánh", "Kết quả giải phóng mặt bằng quý I.", 1)
        item("submission", 2, cls.unit_a_child, "Lịch tiếp công dân", "Phòng Văn hóa - Xã hội giải phóng mặt bằng.", 2)
        item("request", 3, cls.unit_b, "Đề nghị cung cấp thông tin", "Giải phóng mặt bằng phường Bình Minh.", 3)
        item("attachment", 4, cls.unit_b, "Tệp đính kèm: HĐND phường", "Biên bản họp Hội đồng nhân dân.", 4)

    def object_ids(self, user, query, **kwargs):
        return [hit.object_id for hit in workspace_search(user, query, **kwargs).hits]

    def test_outsider_never_gets_another_organizations_items(self):
        self.assertEqual(self.object_ids(self.liaison_b, "giai phong mat bang"), ["3"])
        self.assertEqual(self.object_ids(self.liaison_b, "hdnd"), ["4"])
        self.assertEqual(workspace_search(self.liaison_b, "an khanh").total, 0)
        self.assertEqual(self.object_ids(self.liaison_a, "HĐND"), ["1"])
        self.assertNotIn("3", self.object_ids(self.liaison_a, "binh minh"))

    def test_a_unit_sees_its_sub_units_but_a_sub_unit_not_its_parent(self):
        self.assertEqual(self.object_ids(self.leader_a, "giải phóng mặt bằng"), ["2", "1"])
        self.assertEqual(self.object_ids(self.staff_a, "giải phóng mặt bằng"), ["2", "1"])
        self.assertEqual(self.object_ids(self.liaison_child, "giải phóng mặt bằng"), ["2"])

    def test_press_sees_everything_and_strangers_nothing(self):
        self.assertEqual(self.object_ids(self.reporter, "giai phong mat bang"), ["3", "2", "1"])
        self.assertEqual(self.object_ids(self.chief, "hội đồng nhân dân"), ["4", "1"])
        self.assertEqual(self.object_ids(self.nobody, "giai phong mat bang"), [])
        self.assertEqual(workspace_search(None, "giai phong mat bang").total, 0)

    def test_kind_filter_and_snippet(self):
        found = workspace_search(self.chief, "HĐND", kind="attachment")
        self.assertEqual([hit.object_id for hit in found.hits], ["4"])
        self.assertIn("<mark>Hội đồng nhân dân</mark>", found.hits[0].snippet)
        self.assertEqual(found.hits[0].url, "/phoi-hop/attachment/4/")

    def test_reindex_replaces_and_remove_deletes(self):
        services.workspace_index(
            kind="submission",
            object_id=1,
            organization=self.unit_a,
            title="Báo cáo đã sửa",
            body="Nội dung mới về chuyển đổi số.",
            url="/phoi-hop/submission/1/",
            updated_at=dt.datetime(2025, 4, 5, 8, 0, tzinfo=HANOI),
        )
        self.assertEqual(WorkspaceDocument.objects.filter(kind="submission", object_id="1").count(), 1)
        self.assertEqual(self.object_ids(self.liaison_a, "chuyen doi so"), ["1"])
        self.assertEqual(self.object_ids(self.liaison_a, "an khanh"), [])
        self.assertTrue(services.workspace_remove(kind="submission", object_id=1))
        self.assertEqual(self.object_ids(self.liaison_a, "chuyen doi so"), [])
        self.assertFalse(services.workspace_remove(kind="submission", object_id=1))
