using System.Reflection;
using AiOps.Integration.Tests.Support;

namespace AiOps.Integration.Tests;

/// <summary>
/// Every test class says what it needs (<see cref="TestCategory"/>), so that a filter by category runs all of that
/// part and a new class cannot slip out of the split.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Component)]
public sealed class TestCategoryTests
{
    private static readonly Type[] TestClasses = typeof(TestCategoryTests).Assembly.GetTypes()
        .Where(t => t.IsClass && t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.IsDefined(typeof(FactAttribute), inherit: true)))
        .ToArray();

    [Fact]
    public void The_assembly_has_test_classes_to_check()
    {
        // Guards the reflection itself: finding no classes would make the checks below pass vacuously.
        Assert.Contains(typeof(TestCategoryTests), TestClasses);
        Assert.True(TestClasses.Length > 50, $"only {TestClasses.Length} test classes found");
    }

    [Fact]
    public void Every_test_class_has_exactly_one_known_category()
    {
        var wrong = TestClasses
            .Select(t => (Class: t.FullName, Categories: Traits(t.GetCustomAttributesData(), TestCategory.Name)))
            .Where(c => c.Categories.Count != 1 || !TestCategory.All.Contains(c.Categories[0]))
            .Select(c => $"{c.Class}: [{string.Join(", ", c.Categories)}]")
            .ToList();
        Assert.True(wrong.Count == 0,
            $"each test class needs one [Trait(TestCategory.Name, ...)] of {string.Join(", ", TestCategory.All)}:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Categories_are_set_on_classes_and_needs_name_known_things()
    {
        var wrong = new List<string>();
        foreach (var type in TestClasses)
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static);
            wrong.AddRange(methods.Where(m => Traits(m.GetCustomAttributesData(), TestCategory.Name).Count > 0)
                .Select(m => $"{type.FullName}.{m.Name}: a category on a test, not its class"));
            var needs = Traits(type.GetCustomAttributesData(), TestNeeds.Name)
                .Concat(methods.SelectMany(m => Traits(m.GetCustomAttributesData(), TestNeeds.Name)));
            wrong.AddRange(needs.Where(n => !TestNeeds.All.Contains(n)).Select(n => $"{type.FullName}: needs '{n}', not one of TestNeeds"));
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static List<string> Traits(IEnumerable<CustomAttributeData> attributes, string name) =>
        attributes.Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == name)
            .Select(a => (string)a.ConstructorArguments[1].Value!)
            .ToList();
}
