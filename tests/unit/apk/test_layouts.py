"""Layout facts: the fragments a layout makes when inflated."""

from __future__ import annotations

from xml.etree import ElementTree

from analyzer.apk.layouts import layout_facts

_LAYOUT = """<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android">
  <fragment android:name="com.example.ListFragment" android:id="@+id/list"/>
  <fragment class="com.example.DetailFragment"/>
  <androidx.fragment.app.FragmentContainerView android:name="com.example.HostFragment"/>
  <TextView android:name="com.example.NotAFragment"/>
</LinearLayout>"""


def test_layout_fragments_are_the_classes_fragment_elements_name() -> None:
    facts = layout_facts({"res/layout/main.xml": ElementTree.fromstring(_LAYOUT)})
    assert facts.fragments == {"com.example.ListFragment", "com.example.DetailFragment",
                               "com.example.HostFragment"}
